package io.jenkins.plugins.cloudflarepurge.engine.site;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Hashes one file at a time with SHA-256, keeping the first 128 bits. One per thread: it reuses its digest and
 * buffer.
 *
 * <p>Why SHA-256: it is in every JDK (the plugin bundles nothing for it), and the JDK runs it on the CPU's SHA
 * instructions where there are any (x86 SHA-NI, ARMv8 SHA2), where it costs about half of what reading the same files
 * from the page cache costs (docs/benchmarks.md). 128 bits of it make an accidental collision between a file's old
 * and new content negligible (2<sup>-128</sup>), and, unlike a non-cryptographic hash, nobody can craft a changed
 * file that keeps its hash.
 */
final class FileHasher {

    static final int BUFFER_BYTES = 64 * 1024;

    private final MessageDigest digest;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);

    FileHasher() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The size read and the hash of a file, as an entry at {@code path}. */
    SiteManifest.Entry hash(String path, Path file) throws IOException {
        digest.reset();
        long size = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            byte[] array = buffer.array();
            while (true) {
                buffer.clear();
                int n = channel.read(buffer);
                if (n < 0) {
                    break;
                }
                digest.update(array, 0, n);
                size += n;
            }
        }
        byte[] sha = digest.digest();
        return new SiteManifest.Entry(path, size, longAt(sha, 0), longAt(sha, 8));
    }

    private static long longAt(byte[] bytes, int offset) {
        long value = 0;
        for (int i = offset; i < offset + 8; i++) {
            value = (value << 8) | (bytes[i] & 0xFF);
        }
        return value;
    }
}
