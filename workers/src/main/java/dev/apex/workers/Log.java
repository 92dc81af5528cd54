package dev.apex.workers;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** One-line log messages on stderr, prefixed with the time and the process's name. */
public final class Log {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static volatile String name = "apex";

  private Log() {}

  public static void name(String processName) {
    name = processName;
  }

  public static void info(String message) {
    System.err.println(
        LocalTime.now(ZoneId.systemDefault()).format(TIME) + " " + name + ": " + message);
  }
}
