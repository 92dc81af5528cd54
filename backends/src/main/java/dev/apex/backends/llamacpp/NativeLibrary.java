package dev.apex.backends.llamacpp;

import dev.apex.backends.PermanentBackendException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Loads java-llama.cpp's native library once per process, safely when several workers start at once
 * and without the loader's line on stdout.
 *
 * <p>The stock loader first deletes every {@code jllama*}/{@code llama*} file in its temp folder
 * and then extracts its library there, so processes sharing a folder delete and overwrite each
 * other's library. Each process here gets its own folder.
 */
final class NativeLibrary {

  static final String TMPDIR_PROPERTY = "de.kherud.llama.tmpdir";
  static final String LIB_PATH_PROPERTY = "de.kherud.llama.lib.path";
  private static final String PREFIX = "apex-jllama-";

  private static @Nullable Path loadedFrom;
  private static @Nullable Path requestedDir;
  private static boolean loaded;

  private NativeLibrary() {}

  /**
   * Loads the library from {@code libDir} (a folder holding e.g. a CUDA build of {@code
   * libjllama.so}) or, when null, the one bundled in the jar. Returns the file loaded where the
   * platform tells (Linux), else empty.
   */
  static synchronized Optional<Path> load(@Nullable Path libDir) {
    if (loaded) {
      if (!java.util.Objects.equals(libDir, requestedDir)) {
        throw new PermanentBackendException(
            "libjllama is already loaded from "
                + describe(requestedDir)
                + "; cannot switch to "
                + describe(libDir));
      }
      return Optional.ofNullable(loadedFrom);
    }
    String libName = System.mapLibraryName("jllama");
    if (libDir != null) {
      if (!Files.isRegularFile(libDir.resolve(libName))) {
        throw new PermanentBackendException("native lib path " + libDir + " holds no " + libName);
      }
      System.setProperty(LIB_PATH_PROPERTY, libDir.toAbsolutePath().toString());
    }
    if (System.getProperty(TMPDIR_PROPERTY) == null) {
      System.setProperty(TMPDIR_PROPERTY, privateTempDir().toString());
    }
    PrintStream stdout = System.out;
    try {
      // The loader prints "Extracted ..." to stdout; stdout belongs to the program's output.
      System.setOut(System.err);
      Class.forName("de.kherud.llama.LlamaModel", true, NativeLibrary.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      Throwable cause =
          e instanceof ExceptionInInitializerError && e.getCause() != null ? e.getCause() : e;
      throw new PermanentBackendException(
          "cannot load libjllama (Linux x86-64 needs AVX2 and libgomp): " + cause.getMessage(), e);
    } finally {
      System.setOut(stdout);
    }
    loadedFrom = mappedLibrary(libName).orElse(null);
    if (libDir != null && loadedFrom != null && !loadedFrom.startsWith(libDir.toAbsolutePath())) {
      // The stock loader silently falls back to its bundled CPU library.
      throw new PermanentBackendException(
          libDir.resolve(libName)
              + " failed to load (see stderr); got the bundled "
              + loadedFrom
              + " instead");
    }
    loaded = true;
    requestedDir = libDir;
    return Optional.ofNullable(loadedFrom);
  }

  /** A folder only this process uses; folders left by processes that died are removed. */
  private static Path privateTempDir() {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    removeStale(tmp);
    try {
      Path dir = Files.createTempDirectory(tmp, PREFIX + ProcessHandle.current().pid() + "-");
      // Registered before the loader registers its file, so it is deleted after it.
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new PermanentBackendException("cannot create a folder for libjllama in " + tmp, e);
    }
  }

  private static void removeStale(Path tmp) {
    try (Stream<Path> entries = Files.list(tmp)) {
      entries
          .filter(p -> p.getFileName().toString().startsWith(PREFIX))
          .filter(p -> ownerPid(p).map(pid -> ProcessHandle.of(pid).isEmpty()).orElse(false))
          .forEach(NativeLibrary::deleteTree);
    } catch (IOException e) {
      // Stale folders only cost disk space.
    }
  }

  private static Optional<Long> ownerPid(Path dir) {
    String rest = dir.getFileName().toString().substring(PREFIX.length());
    int dash = rest.indexOf('-');
    try {
      return dash > 0 ? Optional.of(Long.parseLong(rest.substring(0, dash))) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Another process may be removing it at the same time.
    }
  }

  /** The mapped library file, from /proc/self/maps (Linux). */
  private static Optional<Path> mappedLibrary(String libName) {
    Path maps = Path.of("/proc/self/maps");
    if (!Files.isReadable(maps)) {
      return Optional.empty();
    }
    try (Stream<String> lines = Files.lines(maps, StandardCharsets.UTF_8)) {
      return lines
          .filter(line -> line.endsWith("/" + libName))
          .map(line -> Path.of(line.substring(line.indexOf('/'))))
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String describe(@Nullable Path dir) {
    return dir == null ? "the jar" : dir.toString();
  }
}
