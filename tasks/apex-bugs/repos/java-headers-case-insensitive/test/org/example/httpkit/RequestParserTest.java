package org.example.httpkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestParserTest {

  @Test
  void requestLineAndHeaders() {
    Request r =
        RequestParser.parse("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 12\r\n\r\n");
    assertEquals("POST", r.method());
    assertEquals("/upload", r.target());
    assertEquals("x", r.header("Host"));
    assertEquals(12, r.contentLength());
    assertTrue(r.hasBody());
  }

  @Test
  void noBody() {
    Request r = RequestParser.parse("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    assertFalse(r.hasBody());
    assertEquals(0, r.contentLength());
  }

  @Test
  void repeatedFields() {
    Request r = RequestParser.parse("GET / HTTP/1.1\r\nAccept: a\r\nAccept: b\r\n\r\n");
    assertEquals(List.of("a", "b"), r.headers().all("Accept"));
  }

  @Test
  void badHeaderLine() {
    assertThrows(
        IllegalArgumentException.class, () -> RequestParser.parse("GET / HTTP/1.1\r\nnocolon\r\n"));
  }
}
