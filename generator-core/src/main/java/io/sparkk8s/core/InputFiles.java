package io.sparkk8s.core;

import io.sparkk8s.api.InvalidInputException;
import io.sparkk8s.api.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads the text of an input file (a values file, a preset) safely: a folder, a pipe or device, a file above
 * {@link #MAX_BYTES}, binary, UTF-16 or non-UTF-8 content each fail with a message that says what is wrong
 * with the file and how to fix it, before anything is parsed — never a hang or a stack trace.
 */
public final class InputFiles {

    /** The largest input file read: values files and presets are small; Helm's own charts stay far below. */
    public static final int MAX_BYTES = 5 * 1024 * 1024;

    private InputFiles() {}

    /**
     * The UTF-8 text of a file.
     *
     * @param file the file
     * @param source how messages name it
     * @throws InvalidInputException saying what is wrong with the file
     */
    public static String read(Path file, String source) {
        if (Files.isDirectory(file)) {
            throw problem(source, "is a folder, not a file; pass a YAML file");
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.exists(file)) {
            throw problem(
                    source, "no such file (looked for " + file.toAbsolutePath().normalize() + "); check the path");
        }
        if (!Files.isRegularFile(file)) {
            throw problem(source, "is not a regular file (a pipe, socket or device); pass a YAML file saved on disk");
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw tooLarge(source, size);
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
        } catch (AccessDeniedException e) {
            throw new InvalidInputException(
                    List.of(new Problem(
                            source, "", "cannot be read: permission denied; " + "check the file's permissions")),
                    e);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(
                    List.of(new Problem(
                            source,
                            "",
                            "no such file (looked for " + file.toAbsolutePath().normalize() + "); check the path")),
                    e);
        } catch (IOException e) {
            throw new InvalidInputException(List.of(new Problem(source, "", "cannot be read: " + e.getMessage())), e);
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(source, bytes.length);
        }
        return decode(bytes, source);
    }

    /**
     * The text of a file parsed as one YAML mapping (empty when the file is empty).
     *
     * @throws InvalidInputException saying what is wrong with the file or its YAML
     */
    public static Map<String, Object> readMapping(Path file, String source) {
        return Yaml.asMap(Yaml.load(read(file, source), source), source, "");
    }

    /** UTF-8 text of the bytes; UTF-16/32, binary and malformed UTF-8 are named. */
    static String decode(byte[] bytes, String source) {
        if (bytes.length >= 2
                && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                        || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            throw problem(source, "is UTF-16 encoded (it starts with a UTF-16 byte order mark); save it as UTF-8");
        }
        int nul = indexOf(bytes, (byte) 0);
        if (nul >= 0) {
            boolean utf16 = bytes.length > 3 && (bytes[0] == 0 || bytes[1] == 0) && (bytes[2] == 0 || bytes[3] == 0);
            throw problem(
                    source,
                    utf16
                            ? "looks UTF-16 encoded (every other byte is 0); save it as UTF-8"
                            : "is a binary file, not YAML text (it has a NUL byte at offset " + nul
                                    + "); pass a YAML file");
        }
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF
                ? 3
                : 0;
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
                    .toString();
        } catch (MalformedInputException e) {
            int offset = malformedOffset(bytes, start);
            int line = 1;
            for (int i = 0; i < offset; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new InvalidInputException(
                    List.of(new Problem(
                            source,
                            "",
                            "is not valid UTF-8 (byte 0x"
                                    + String.format("%02X", bytes[offset] & 0xFF) + " at offset " + offset + ", line "
                                    + line
                                    + "); it is probably saved as Latin-1 or Windows-1252: save it as UTF-8")),
                    e);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(
                    List.of(new Problem(source, "", "is not valid UTF-8; save it as UTF-8")), e);
        }
    }

    private static int malformedOffset(byte[] bytes, int start) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        var out = java.nio.CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        return Math.min(in.position(), bytes.length - 1);
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static InvalidInputException tooLarge(String source, long size) {
        return problem(
                source,
                "is " + String.format("%.1f", size / 1048576.0) + " MB; input files are limited to "
                        + MAX_BYTES / 1048576
                        + " MB (values files are usually a few KB): check that this is the right file");
    }

    private static InvalidInputException problem(String source, String message) {
        return new InvalidInputException(List.of(new Problem(source, "", message)));
    }
}
