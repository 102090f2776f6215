package io.jenkins.plugins.cloudflarepurge.engine.site;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The binary form of a {@link SiteManifest} (see {@link SiteManifest#writeTo}). Paths share long prefixes
 * ({@code docs/2024/…}), so each is written as the length of the prefix it shares with the previous one plus the
 * rest, and zlib squeezes the repeated endings and the small numbers. The 16 hash bytes per file are random, most of
 * what is stored, and would only slow zlib down: they follow the zlib stream as they are, with a CRC-32C of their
 * own, so that damage anywhere is detected.
 */
final class ManifestCodec {

    private static final byte[] MAGIC = {'C', 'F', 'S', 'M'};

    /** Paths share much, so even the fastest level compresses them well; the hashes are not compressed. */
    private static final int LEVEL = Deflater.BEST_SPEED;

    /** More than any real site's manifest inflates to; a guard against a damaged length, not a limit on sites. */
    private static final int MAX_RAW_BYTES = 1 << 30;

    private ManifestCodec() {}

    static byte[] toBytes(SiteManifest manifest) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + 24 * manifest.size());
        try {
            write(manifest, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return out.toByteArray();
    }

    static void write(SiteManifest manifest, OutputStream out) throws IOException {
        String[] paths = manifest.paths();
        long[] sizes = manifest.sizes();
        long[] hashes = manifest.hashes();
        Bytes raw = new Bytes(64 + 48 * paths.length);
        raw.varint(paths.length);
        byte[] previous = new byte[0];
        for (int i = 0; i < paths.length; i++) {
            byte[] path = paths[i].getBytes(StandardCharsets.UTF_8);
            int mismatch = Arrays.mismatch(previous, path);
            int shared = mismatch < 0 ? path.length : mismatch; // -1 (equal) cannot happen for distinct paths
            raw.varint(shared);
            raw.varint(path.length - shared);
            raw.bytes(path, shared, path.length - shared);
            raw.varint(sizes[i]);
            previous = path;
        }
        Bytes hashBytes = new Bytes(16 * paths.length);
        for (long half : hashes) {
            hashBytes.longBigEndian(half);
        }
        CRC32C crc = new CRC32C();
        crc.update(hashBytes.array, 0, hashBytes.length);
        hashBytes.intBigEndian((int) crc.getValue());
        out.write(MAGIC);
        out.write(SiteManifest.FORMAT_VERSION);
        Deflater deflater = new Deflater(LEVEL);
        try {
            deflater.setInput(raw.array, 0, raw.length);
            deflater.finish();
            byte[] buffer = new byte[64 * 1024];
            while (!deflater.finished()) {
                int n = deflater.deflate(buffer);
                out.write(buffer, 0, n);
            }
        } finally {
            deflater.end();
        }
        out.write(hashBytes.array, 0, hashBytes.length);
    }

    static SiteManifest fromBytes(byte[] bytes) throws UnreadableManifestException {
        try {
            return read(new ByteArrayInputStream(bytes));
        } catch (UnreadableManifestException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayInputStream does not throw
        }
    }

    static SiteManifest read(InputStream in) throws IOException {
        byte[] header = in.readNBytes(MAGIC.length + 1);
        if (header.length < MAGIC.length || !Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new UnreadableManifestException("not a site manifest: it does not start with 'CFSM'");
        }
        if (header.length == MAGIC.length) {
            throw new UnreadableManifestException("site manifest cut short: no format version");
        }
        int version = header[MAGIC.length] & 0xFF;
        if (version != SiteManifest.FORMAT_VERSION) {
            throw new UnreadableManifestException("site manifest of format version " + version + "; this plugin reads "
                    + SiteManifest.FORMAT_VERSION + " (was it written by a newer version of the plugin?)");
        }
        byte[] rest = in.readAllBytes();
        Bytes hashBytes = new Bytes(0);
        Bytes raw = inflate(rest, hashBytes);
        try {
            return parse(raw, hashBytes);
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new UnreadableManifestException("site manifest damaged: an entry runs past the end", e);
        }
    }

    /** Inflates the zlib stream at the start of {@code input}; {@code after} gets the bytes that follow it. */
    private static Bytes inflate(byte[] input, Bytes after) throws UnreadableManifestException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(input);
            Bytes raw = new Bytes(Math.max(1024, input.length * 2));
            while (!inflater.finished()) {
                if (raw.length == raw.array.length) {
                    if (raw.length >= MAX_RAW_BYTES) {
                        throw new UnreadableManifestException("site manifest damaged: it inflates past 1 GiB");
                    }
                    raw.grow(raw.length + 1);
                }
                int n = inflater.inflate(raw.array, raw.length, raw.array.length - raw.length);
                raw.length += n;
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new UnreadableManifestException("site manifest cut short: the compressed data ends early");
                }
            }
            after.array = input;
            after.position = input.length - inflater.getRemaining();
            after.length = input.length;
            return raw;
        } catch (DataFormatException e) {
            throw new UnreadableManifestException("site manifest damaged: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static SiteManifest parse(Bytes raw, Bytes hashBytes) throws UnreadableManifestException {
        long declared = raw.readVarint();
        if (declared > Integer.MAX_VALUE - 8) {
            throw new UnreadableManifestException("site manifest damaged: it claims " + declared + " files");
        }
        int count = (int) declared;
        long hashSection = 16L * count + 4;
        long available = hashBytes.length - hashBytes.position;
        if (available != hashSection) {
            throw new UnreadableManifestException(
                    available < hashSection
                            ? "site manifest cut short: " + count + " files need " + hashSection + " bytes of hashes, "
                                    + available + " are there"
                            : "site manifest damaged: " + (available - hashSection) + " bytes after its end");
        }
        CRC32C crc = new CRC32C();
        crc.update(hashBytes.array, hashBytes.position, 16 * count);
        if ((int) crc.getValue() != hashBytes.readIntAt(hashBytes.length - 4)) {
            throw new UnreadableManifestException("site manifest damaged: the hashes' checksum does not match");
        }
        // count is bounded by the bytes present, checked above: no allocation from a damaged number
        String[] paths = new String[count];
        long[] sizes = new long[count];
        long[] hashes = new long[2 * count];
        byte[] previous = new byte[0];
        String previousPath = null;
        for (int i = 0; i < count; i++) {
            long shared = raw.readVarint();
            int rest = raw.readLength();
            if (shared < 0 || shared > previous.length) {
                throw new UnreadableManifestException("site manifest damaged at file " + (i + 1) + ": bad path prefix");
            }
            byte[] path = new byte[(int) shared + rest];
            System.arraycopy(previous, 0, path, 0, (int) shared);
            raw.readBytes(path, (int) shared, rest);
            String text = new String(path, StandardCharsets.UTF_8);
            if (text.indexOf('\uFFFD') >= 0 && !Arrays.equals(text.getBytes(StandardCharsets.UTF_8), path)) {
                throw new UnreadableManifestException("site manifest damaged at file " + (i + 1) + ": path not UTF-8");
            }
            try {
                SiteManifest.checkPath(text);
            } catch (IllegalArgumentException e) {
                throw new UnreadableManifestException(
                        "site manifest damaged at file " + (i + 1) + ": " + e.getMessage(), e);
            }
            if (previousPath != null && text.compareTo(previousPath) <= 0) {
                throw new UnreadableManifestException(
                        "site manifest damaged at file " + (i + 1) + ": paths out of order");
            }
            long size = raw.readVarint();
            if (size < 0) {
                throw new UnreadableManifestException("site manifest damaged at file " + (i + 1) + ": bad size");
            }
            paths[i] = text;
            sizes[i] = size;
            hashes[2 * i] = hashBytes.readLongBigEndian();
            hashes[2 * i + 1] = hashBytes.readLongBigEndian();
            previous = path;
            previousPath = text;
        }
        if (raw.position != raw.length) {
            throw new UnreadableManifestException(
                    "site manifest damaged: " + (raw.length - raw.position) + " bytes after the last file");
        }
        return SiteManifest.ofSorted(paths, sizes, hashes);
    }

    /** A growable byte array with a read position: the raw (uncompressed) form. */
    private static final class Bytes {
        byte[] array;
        int length;
        int position;

        Bytes(int capacity) {
            array = new byte[capacity];
        }

        void grow(int needed) {
            if (needed > array.length) {
                array = Arrays.copyOf(array, Math.max(needed, (int) Math.min(MAX_RAW_BYTES, 2L * array.length)));
            }
        }

        void varint(long value) {
            grow(length + 10);
            long v = value;
            while ((v & ~0x7FL) != 0) {
                array[length++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            array[length++] = (byte) v;
        }

        void bytes(byte[] source, int offset, int count) {
            grow(length + count);
            System.arraycopy(source, offset, array, length, count);
            length += count;
        }

        void intBigEndian(int value) {
            grow(length + 4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                array[length++] = (byte) (value >> shift); // the cast keeps the low 8 bits
            }
        }

        int readIntAt(int offset) {
            int value = 0;
            for (int i = offset; i < offset + 4; i++) {
                value = (value << 8) | (array[i] & 0xFF);
            }
            return value;
        }

        void longBigEndian(long value) {
            grow(length + 8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                array[length++] = (byte) (value >> shift); // the cast keeps the low 8 bits
            }
        }

        long readVarint() throws UnreadableManifestException {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position == length) {
                    throw new UnreadableManifestException("site manifest damaged: a number runs past the end");
                }
                byte b = array[position++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw new UnreadableManifestException("site manifest damaged: a number longer than 64 bits");
        }

        int readLength() throws UnreadableManifestException {
            long value = readVarint();
            if (value < 0 || value > length - position) {
                throw new UnreadableManifestException("site manifest damaged: a path runs past the end");
            }
            return (int) value;
        }

        void readBytes(byte[] target, int offset, int count) {
            System.arraycopy(array, position, target, offset, count);
            position += count;
        }

        long readLongBigEndian() throws UnreadableManifestException {
            if (length - position < 8) {
                throw new UnreadableManifestException("site manifest damaged: a hash runs past the end");
            }
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (array[position++] & 0xFF);
            }
            return value;
        }
    }
}
