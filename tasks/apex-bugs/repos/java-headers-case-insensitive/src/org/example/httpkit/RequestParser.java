package org.example.httpkit;

/** Parses the head (request line and header fields) of an HTTP/1.1 request. */
public final class RequestParser {

  private RequestParser() {}

  public static Request parse(String head) {
    String[] lines = head.split("\r\n");
    String[] requestLine = lines[0].split(" ");
    if (requestLine.length != 3) {
      throw new IllegalArgumentException("bad request line: " + lines[0]);
    }
    Headers headers = new Headers();
    for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("bad header line: " + lines[i]);
      }
      headers.add(lines[i].substring(0, colon), lines[i].substring(colon + 1).strip());
    }
    return new Request(requestLine[0], requestLine[1], headers);
  }
}
