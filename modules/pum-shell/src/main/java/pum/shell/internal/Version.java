package pum.shell.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.util.Properties;

/** pum's version, from the build; a class of its own so that {@code pum --version} loads nothing else. */
public final class Version {
    private Version() {
    }

    /**
     * The version of pum's module (the build sets it: {@code java --list-modules} shows it), or,
     * when pum runs from the class path, the one the build wrote into {@code version.properties},
     * or "unknown".
     */
    public static String get() {
        ModuleDescriptor module = Version.class.getModule().getDescriptor();
        if (module != null && module.rawVersion().isPresent()) {
            return module.rawVersion().get();
        }
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // unknown version below
        }
        return p.getProperty("version", "unknown");
    }
}
