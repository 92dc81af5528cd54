package org.example.httpkit;

/** A parsed HTTP request line and its headers. */
public record Request(String method, String target, Headers headers) {

  /** The value of a header field, or null; field names are case-insensitive (RFC 9110). */
  public String header(String name) {
    return headers.get(name);
  }

  public boolean hasBody() {
    return headers.names().contains("Content-Length")
        || headers.names().contains("Transfer-Encoding");
  }

  public long contentLength() {
    String value = header("Content-Length");
    return value == null ? 0 : Long.parseLong(value.strip());
  }
}
