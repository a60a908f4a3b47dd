package pum.core.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
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
            @JsonProperty("strict_names") Boolean strictNames) {
    }

    private ConfigReader() {
    }

    /** Reads and validates one config file. */
    public static PumConfig read(Path file) {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS);
        ConfigFile c = null;
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PumException(ErrorCode.CONFIG, "config file " + file + " not found", "check the path given with -c");
        } catch (IOException e) {
            throw new PumException(ErrorCode.CONFIG, "cannot read config file " + file + ": " + e.getMessage(), null, e);
        }
        try (Reader r = new StringReader(text)) {
            if (!text.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#") || l.strip().equals("---"))) {
                c = mapper.readValue(r, ConfigFile.class);
            }
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new PumException(ErrorCode.CONFIG, "unknown key \"" + e.getPropertyName() + "\" in config file " + file
                    + lineOfKey(text, e.getPropertyName(), e.getLocation()), "known keys: " + known, e);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof JsonProcessingException syntax) {
                throw new PumException(ErrorCode.CONFIG, "config file " + file + " is not valid YAML" + at(syntax.getLocation()) + ": "
                        + oneLine(syntax.getOriginalMessage()), null, e);
            }
            String key = e.getPath().stream().map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            throw new PumException(ErrorCode.CONFIG, "wrong value for key \"" + key + "\" in config file " + file + at(e.getLocation())
                    + ": " + firstLine(e.getOriginalMessage()), expected(key), e);
        } catch (JsonProcessingException e) {
            throw new PumException(ErrorCode.CONFIG, "config file " + file + " is not valid YAML" + at(e.getLocation()) + ": "
                    + oneLine(e.getOriginalMessage()), null, e);
        } catch (IOException e) {
            throw new PumException(ErrorCode.CONFIG, "cannot read config file " + file + ": " + e.getMessage(), null, e);
        }
        if (c == null) {
            c = new ConfigFile(null, null, null, null, null, null, null, null, null, null, null, null);
        }
        return new PumConfig(c.upgradesTable(),
                c.deltaDir() == null ? List.of() : c.deltaDir().stream().map(Path::of).toList(),
                c.backupFile() == null ? null : Path.of(c.backupFile()),
                c.ignoreElements(), c.pgDumpExe(), c.pgRestoreExe(), c.ignoreFiles(), c.lockTimeout(), c.statementTimeout(),
                c.embeddedBinDir() == null ? null : Path.of(c.embeddedBinDir()),
                c.embeddedDataDir() == null ? null : Path.of(c.embeddedDataDir()), file, c.strictNames());
    }

    private static String expected(String key) {
        return switch (key.replaceAll("\\.?\\[\\d+]", "")) {
            case "delta_dir", "ignore_elements", "ignore_files" -> "\"" + key + "\" takes a text or a list of texts";
            case "strict_names" -> "\"" + key + "\" takes true or false";
            default -> "\"" + key + "\" takes a text";
        };
    }

    /** Jackson reports where it stopped reading, often the line after the key: find the key itself. */
    private static String lineOfKey(String text, String key, JsonLocation fallback) {
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.startsWith(key + ":") || l.startsWith("\"" + key + "\":") || l.startsWith("'" + key + "':")) {
                return ", line " + (i + 1);
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

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
