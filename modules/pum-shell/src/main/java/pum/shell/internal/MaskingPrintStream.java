package pum.shell.internal;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Locale;
import pum.core.Secrets;

/**
 * Standard error with {@link Secrets#mask} applied to every text printed: progress lines, warnings,
 * log lines (slf4j-simple prints whole lines through {@code println}) and stack traces. A safety
 * net under the paths that mask explicitly. Text goes to the wrapped stream, so its charset holds.
 */
final class MaskingPrintStream extends PrintStream {
    private final PrintStream target;

    private MaskingPrintStream(PrintStream target) {
        super(OutputStream.nullOutputStream(), true);
        this.target = target;
    }

    /** The stream itself if it masks already, otherwise a masking wrapper. */
    static PrintStream wrap(PrintStream target) {
        return target instanceof MaskingPrintStream ? target : new MaskingPrintStream(target);
    }

    @Override
    public void print(String s) {
        target.print(Secrets.mask(s == null ? "null" : s));
    }

    @Override
    public void print(Object o) {
        print(String.valueOf(o));
    }

    @Override
    public void print(char[] s) {
        print(new String(s));
    }

    @Override
    public void println(String s) {
        target.println(Secrets.mask(s == null ? "null" : s));
    }

    @Override
    public void println(Object o) {
        println(String.valueOf(o));
    }

    @Override
    public void println(char[] s) {
        println(new String(s));
    }

    @Override
    public void println() {
        target.println();
    }

    @Override
    public void print(char c) {
        target.print(c);
    }

    @Override
    public void println(char c) {
        target.println(c);
    }

    @Override
    public void print(int i) {
        target.print(i);
    }

    @Override
    public void println(int i) {
        target.println(i);
    }

    @Override
    public void print(long l) {
        target.print(l);
    }

    @Override
    public void println(long l) {
        target.println(l);
    }

    @Override
    public void print(boolean b) {
        target.print(b);
    }

    @Override
    public void println(boolean b) {
        target.println(b);
    }

    @Override
    public void print(double d) {
        target.print(d);
    }

    @Override
    public void println(double d) {
        target.println(d);
    }

    @Override
    public void print(float f) {
        target.print(f);
    }

    @Override
    public void println(float f) {
        target.println(f);
    }

    @Override
    public PrintStream format(String format, Object... args) {
        print(String.format(format, args));
        return this;
    }

    @Override
    public PrintStream format(Locale l, String format, Object... args) {
        print(String.format(l, format, args));
        return this;
    }

    @Override
    public PrintStream printf(String format, Object... args) {
        return format(format, args);
    }

    @Override
    public PrintStream printf(Locale l, String format, Object... args) {
        return format(l, format, args);
    }

    @Override
    public PrintStream append(CharSequence csq) {
        print(String.valueOf(csq));
        return this;
    }

    @Override
    public PrintStream append(CharSequence csq, int start, int end) {
        print(String.valueOf(csq == null ? "null" : csq.subSequence(start, end)));
        return this;
    }

    @Override
    public PrintStream append(char c) {
        target.print(c);
        return this;
    }

    /** Raw bytes (pg_restore's output copied through, say) pass unchanged. */
    @Override
    public void write(int b) {
        target.write(b);
    }

    @Override
    public void write(byte[] buf, int off, int len) {
        target.write(buf, off, len);
    }

    @Override
    public void flush() {
        target.flush();
    }

    @Override
    public boolean checkError() {
        return target.checkError();
    }

    @Override
    public void close() {
        target.flush();
    }
}
