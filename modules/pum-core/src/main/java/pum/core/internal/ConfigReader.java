package pum.core.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import pum.core.ErrorCode;
import pum.core.PumConfig;
import pum.core.PumException;

/** Binds the YAML file with Jackson and turns its exceptions into messages naming key and line. */
public final class ConfigReader {
    /** The file as written; Jackson fills it, then it is converted into the public record. */
    record ConfigFile(
            @JsonProperty("upgrades_table") String upgradesTable,
            @JsonProperty("delta_dir") List<String> deltaDir,
            @JsonProperty("backup_file") String backupFile,
            @JsonProperty("ignore_elements") List<String> ignoreElements,
            @JsonProperty("pg_dump_exe") String pgDumpExe,
            @JsonProperty("pg_restore_exe") String pgRestoreExe,
            @JsonProperty("ignore_files") List<String> ignoreFiles,
            @JsonProperty("lock_timeout") String lockTimeout,
            @JsonProperty("statement_timeout") String statementTimeout,
            @JsonProperty("embedded_bin_dir") String embeddedBinDir,
            @JsonProperty("embedded_data_dir") String embeddedDataDir,
            @JsonProperty("strict_names") Boolean strictNames,
            @JsonProperty("layout") String layout) {
    }

    private ConfigReader() {
    }

    /** Reads and validates one config file. */
    public static PumConfig read(Path file) {
        YAMLFactory yaml = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        ObjectMapper mapper = new ObjectMapper(yaml)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS);
        ConfigFile c = null;
        String text = readUtf8(file);
        try (Reader r = new StringReader(text)) {
            if (!text.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#") || l.strip().equals("---"))) {
                c = mapper.readValue(r, ConfigFile.class);
            }
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new PumException(ErrorCode.CONFIG, "unknown key \"" + e.getPropertyName() + "\" in config file " + file
                    + lineOfKey(text, e.getPropertyName(), 1, e.getLocation()), "known keys: " + known, e);
        } catch (JsonProcessingException e) {
            throw translate(e, file, text);
        } catch (IOException e) {
            throw new PumException(ErrorCode.CONFIG, "cannot read config file " + file + ": " + e.getMessage(), null, e);
        }
        if (c == null) {
            c = new ConfigFile(null, null, null, null, null, null, null, null, null, null, null, null, null);
        }
        checkDuration("lock_timeout", c.lockTimeout(), file, text);
        checkDuration("statement_timeout", c.statementTimeout(), file, text);
        if (c.layout() != null && !c.layout().equals("flat") && !c.layout().equals("tree")) {
            throw new PumException(ErrorCode.CONFIG, "layout \"" + c.layout() + "\" in config file " + file + lineOfKey(text, "layout", 1, null)
                    + " is neither flat nor tree", "flat: delta directories are read one level deep (PUM's way); tree: recursively"
                    + " (rokso's SCHEMA/KIND/OBJECT/ folders, written by pum create --kind --schema --object)");
        }
        return new PumConfig(c.upgradesTable(),
                c.deltaDir() == null ? List.of() : c.deltaDir().stream().map(Path::of).toList(),
                c.backupFile() == null ? null : Path.of(c.backupFile()),
                c.ignoreElements(), c.pgDumpExe(), c.pgRestoreExe(), c.ignoreFiles(), c.lockTimeout(), c.statementTimeout(),
                c.embeddedBinDir() == null ? null : Path.of(c.embeddedBinDir()),
                c.embeddedDataDir() == null ? null : Path.of(c.embeddedDataDir()), file, c.strictNames(), c.layout());
    }

    /** The file as text; a byte that is not UTF-8 is named with its line and column. */
    private static String readUtf8(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PumException(ErrorCode.CONFIG, "config file " + file + " not found", "check the path given with -c");
        } catch (IOException e) {
            throw new PumException(ErrorCode.CONFIG, "cannot read config file " + file + ": " + e.getMessage(), null, e);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new PumException(ErrorCode.CONFIG, String.format("config file %s is not UTF-8: byte 0x%02X at line %d, column %d",
                    file, bytes[offset] & 0xff, line, offset - lineStart + 1),
                    "save it as UTF-8 (for example: iconv -f latin1 -t utf-8 " + file + " > " + file + ".utf8)");
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Jackson's and snakeyaml's exceptions in the user's terms: the key, the line, what was expected. */
    private static PumException translate(JsonProcessingException e, Path file, String text) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException j && j.getOriginalMessage() != null
                    && j.getOriginalMessage().startsWith("Duplicate field '")) {
                String key = j.getOriginalMessage().substring("Duplicate field '".length());
                key = key.substring(0, Math.max(0, key.indexOf('\'')));
                return new PumException(ErrorCode.CONFIG, "duplicate key \"" + key + "\" in config file " + file
                        + lineOfKey(text, key, 2, j.getLocation()), "give each key once", e);
            }
        }
        if (e instanceof JsonMappingException m && !(m.getCause() instanceof JsonProcessingException)) {
            String key = m.getPath().stream().filter(ref -> ref.getFieldName() != null).map(ref -> ref.getFieldName())
                    .findFirst().orElse(null);
            String found = found(m.getOriginalMessage());
            if (key == null) {
                return new PumException(ErrorCode.CONFIG, "config file " + file + " must hold keys with values (upgrades_table: x)"
                        + (found == null ? "" : ", not " + found) + at(m.getLocation()), null, e);
            }
            String item = m.getPath().stream().filter(ref -> ref.getFieldName() == null && ref.getIndex() >= 0)
                    .map(ref -> "item " + (ref.getIndex() + 1) + " of ").findFirst().orElse("");
            String wanted = expected(key).replace("\"" + key + "\" takes ", "");
            return new PumException(ErrorCode.CONFIG, item + "key \"" + key + "\" in config file " + file + lineOfKey(text, key, 1, m.getLocation())
                    + ": expected " + (item.isEmpty() ? wanted : "a text") + (found == null ? "" : ", found " + found), expected(key), e);
        }
        JsonProcessingException syntax = e.getCause() instanceof JsonProcessingException cause ? cause : e;
        return new PumException(ErrorCode.CONFIG, "config file " + file + " is not valid YAML" + at(syntax.getLocation()) + ": "
                + withoutJavaNames(oneLine(syntax.getOriginalMessage())), null, e);
    }

    /** What Jackson found instead, from its message: "(token `JsonToken.START_ARRAY`)" and the like. */
    private static String found(String message) {
        if (message == null) {
            return null;
        }
        if (message.contains("START_OBJECT") || message.contains("from Object value")) {
            return "a mapping (key: value lines)";
        }
        if (message.contains("START_ARRAY") || message.contains("from Array value")) {
            return "a list";
        }
        if (message.contains("from String value") || message.contains("VALUE_STRING")) {
            return "a text";
        }
        if (message.contains("VALUE_NUMBER") || message.contains("from Integer value") || message.contains("from Floating-point value")) {
            return "a number";
        }
        if (message.contains("VALUE_TRUE") || message.contains("VALUE_FALSE") || message.contains("from Boolean value")) {
            return "true or false";
        }
        return null;
    }

    /** Backquoted Java type names ({@code `java.lang.String`}) mean nothing to a user. */
    private static String withoutJavaNames(String s) {
        return s.replaceAll("`[\\w.$]+\\.[\\w.$]+`", "value").replaceAll("\\(token `JsonToken\\.\\w+`\\)", "").strip();
    }

    /** PostgreSQL's time units for settings such as lock_timeout; no unit means milliseconds. */
    private static final java.util.regex.Pattern DURATION =
            java.util.regex.Pattern.compile("\\s*\\d+(\\.\\d+)?\\s*(us|ms|s|min|h|d)?\\s*");

    private static void checkDuration(String key, String value, Path file, String text) {
        if (value != null && !DURATION.matcher(value).matches()) {
            throw new PumException(ErrorCode.CONFIG, key + " \"" + value + "\" in config file " + file + lineOfKey(text, key, 1, null)
                    + " is not a duration", "write a number with one of PostgreSQL's units us, ms, s, min, h, d (for example 10s"
                    + " or 2min); a number alone means milliseconds, 0 turns the timeout off");
        }
    }

    private static String expected(String key) {
        return switch (key.replaceAll("\\.?\\[\\d+]", "")) {
            case "delta_dir", "ignore_elements", "ignore_files" -> "\"" + key + "\" takes a text or a list of texts";
            case "strict_names" -> "\"" + key + "\" takes true or false";
            default -> "\"" + key + "\" takes a text";
        };
    }

    /** Jackson reports where it stopped reading, often the line after the key: find the key itself (its nth occurrence). */
    private static String lineOfKey(String text, String key, int occurrence, JsonLocation fallback) {
        String[] lines = text.split("\\R", -1);
        int seen = 0;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.startsWith(key + ":") || l.startsWith("\"" + key + "\":") || l.startsWith("'" + key + "':")) {
                if (++seen == occurrence) {
                    return ", line " + (i + 1);
                }
            }
        }
        return at(fallback);
    }

    /** snakeyaml's messages span several lines (problem, position, excerpt): keep the words. */
    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        return s.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("^") && !l.startsWith("in 'reader'"))
                .collect(Collectors.joining("; "));
    }

    private static String at(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 0 ? "" : ", line " + loc.getLineNr() + " column " + loc.getColumnNr();
    }
}
