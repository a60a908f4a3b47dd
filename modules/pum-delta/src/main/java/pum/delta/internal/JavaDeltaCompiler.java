package pum.delta.internal;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.lang.module.ResolvedModule;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a Java delta in memory against the running pum (its modules, wherever they were loaded
 * from: the linked image or a module path) and loads it in a class loader of its own. Only touched
 * when a Java delta actually runs, so a plain upgrade never loads the compiler.
 */
public final class JavaDeltaCompiler {
    private JavaDeltaCompiler() {
    }

    /** A compile or load problem, with the compiler's messages as {@code file:line:column: text}. */
    public static final class CompileError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CompileError(String message) {
            super(message);
        }
    }

    /**
     * Compiles one source file and returns its single concrete subclass of {@code base}.
     *
     * @throws CompileError with the compiler's diagnostics, or when there is no such class or several
     */
    public static Class<?> compile(Path file, String source, Class<?> base) {
        JavaCompiler jc = ToolProvider.getSystemJavaCompiler();
        if (jc == null) {
            throw new CompileError("this Java runtime has no compiler (module jdk.compiler), so Java deltas cannot run");
        }
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        StandardJavaFileManager std = jc.getStandardFileManager(diags, null, StandardCharsets.UTF_8);
        Map<String, ByteArrayOutputStream> classes = new HashMap<>();
        JavaFileManager fm = new ForwardingJavaFileManager<>(std) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        ByteArrayOutputStream b = new ByteArrayOutputStream();
                        classes.put(className, b);
                        return b;
                    }
                };
            }
        };
        JavaFileObject src = new SimpleJavaFileObject(file.toUri(), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }

            @Override
            public boolean isNameCompatible(String simpleName, JavaFileObject.Kind kind) {
                // delta_1.2.0_x.java cannot be named after its class; javac would refuse a public class otherwise
                return true;
            }
        };
        List<String> options = new ArrayList<>(List.of("-proc:none", "-g", "-nowarn", "-implicit:none"));
        options.addAll(dependencyOptions(base));
        boolean ok = jc.getTask(null, fm, diags, options, null, List.of(src)).call();
        if (!ok) {
            StringBuilder sb = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    if (sb.length() > 0) {
                        sb.append('\n');
                    }
                    sb.append(file).append(':').append(d.getLineNumber()).append(':').append(d.getColumnNumber()).append(": ")
                            .append(d.getMessage(null));
                }
            }
            throw new CompileError(sb.toString());
        }
        Map<String, byte[]> bytes = new HashMap<>();
        classes.forEach((k, v) -> bytes.put(k, v.toByteArray()));
        ClassLoader loader = new ClassLoader("pum-delta:" + file.getFileName(), base.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = bytes.get(name);
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, b, 0, b.length);
            }
        };
        List<Class<?>> found = new ArrayList<>();
        for (String name : bytes.keySet()) {
            try {
                Class<?> c = Class.forName(name, false, loader);
                if (base.isAssignableFrom(c) && !java.lang.reflect.Modifier.isAbstract(c.getModifiers())) {
                    found.add(c);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                throw new CompileError(file + ": cannot load compiled class " + name + ": " + e);
            }
        }
        if (found.size() != 1) {
            throw new CompileError(file + ": expected exactly one class extending " + base.getName() + ", found "
                    + (found.isEmpty() ? "none" : found.size()));
        }
        return found.get(0);
    }

    /** Compile against the modules pum itself runs with: the image, a module path, or a class path. */
    private static List<String> dependencyOptions(Class<?> base) {
        List<String> opts = new ArrayList<>();
        Set<String> modulePath = new LinkedHashSet<>();
        for (ResolvedModule m : ModuleLayer.boot().configuration().modules()) {
            m.reference().location().filter(u -> "file".equals(u.getScheme())).ifPresent(u -> modulePath.add(Path.of(u).toString()));
        }
        if (!modulePath.isEmpty()) {
            opts.add("--module-path");
            opts.add(String.join(File.pathSeparator, modulePath));
        }
        List<String> roots = new ArrayList<>();
        for (String name : List.of(base.getModule().getName() == null ? "" : base.getModule().getName(), "org.jooq", "java.sql")) {
            if (!name.isEmpty() && ModuleLayer.boot().findModule(name).isPresent()) {
                roots.add(name);
            }
        }
        if (!roots.isEmpty()) {
            opts.add("--add-modules");
            opts.add(String.join(",", roots));
        }
        String cp = System.getProperty("java.class.path", "");
        if (!cp.isEmpty()) {
            opts.add("-classpath");
            opts.add(cp);
        }
        return opts;
    }
}
