package pum.shell.internal;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import pum.core.ErrorCode;
import pum.core.PumException;

/**
 * The one way pum asks a yes/no question before it changes something, for every command that
 * asks:
 * <ul>
 *   <li>{@code --yes}: no question, the answer is yes;</li>
 *   <li>standard input is a terminal: {@code [y/N]} on the terminal;</li>
 *   <li>standard input is a pipe or file ({@code yes | pum ...}, {@code echo n | pum ...}, as
 *       PUM's scripts do): the question goes to standard error and one line is read as the answer;</li>
 *   <li>batch mode of {@code pum shell} (standard input holds the next commands): refused, since
 *       the answer would be the next command line; pass {@code --yes}.</li>
 * </ul>
 * Only {@code y} or {@code yes} (any case, surrounding blanks ignored) goes on; anything else, an
 * empty line or the end of input stops with exit code 8.
 */
public final class Confirmation {
    private final Session session;
    private final boolean yes;

    private Confirmation(Session session, boolean yes) {
        this.session = session;
        this.yes = yes;
    }

    /** For a command of this session; {@code yes} is its {@code --yes}. */
    public static Confirmation of(Session session, boolean yes) {
        return new Confirmation(session, yes);
    }

    /**
     * Fails now, before any work, when a later question could not be answered (batch mode
     * without {@code --yes}), rather than after a long job.
     *
     * @param what what will be asked, for the message ({@code "before it upgrades production"})
     * @throws PumException {@link ErrorCode#ABORTED} in batch mode without {@code --yes}
     */
    public void requireAnswerable(String what) {
        if (!yes && !terminal() && session.interactive()) {
            throw new PumException(ErrorCode.ABORTED, "pum asks " + what + ", and in batch mode standard input holds the"
                    + " next commands, not an answer; nothing was done", "pass --yes to that command in the batch file");
        }
    }

    /**
     * Whether {@link #ask} can get an answer: {@code --yes}, a terminal, or standard input that is
     * not the batch file of {@code pum shell}. For questions that are offers, where nobody to answer
     * means "no" rather than an error.
     */
    public boolean answerable() {
        return yes || terminal() || !session.interactive();
    }

    private boolean terminal() {
        return System.console() != null && session.in() == System.in;
    }

    /**
     * Asks; returns whether the answer was yes.
     *
     * @param question what is asked, without {@code [y/N]}
     * @throws PumException {@link ErrorCode#ABORTED} in batch mode, where nobody can answer
     */
    public boolean ask(String question) {
        if (yes) {
            return true;
        }
        boolean terminal = terminal();
        if (!terminal && session.interactive()) {
            throw new PumException(ErrorCode.ABORTED, "pum would ask: " + question
                    + " In batch mode standard input holds the next commands, not an answer",
                    "pass --yes to that command in the batch file");
        }
        String answer;
        if (terminal) {
            Console console = System.console();
            answer = console.readLine("pum: %s [y/N] ", question);
        } else {
            session.err().print("pum: " + question + " [y/N] ");
            session.err().flush();
            answer = readLine(session.in());
            session.err().println(answer == null ? "(end of input)" : answer.strip());
        }
        return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
    }

    /**
     * Asks, and stops unless the answer was yes.
     *
     * @param question  what is asked
     * @param cancelled the error message when the answer is no ({@code "cancelled; nothing was changed"})
     * @throws PumException {@link ErrorCode#ABORTED} when not answered yes
     */
    public void require(String question, String cancelled) {
        if (!ask(question)) {
            throw new PumException(ErrorCode.ABORTED, cancelled, yes ? null : "answer y or yes to go on, or pass --yes");
        }
    }

    /**
     * One line, read byte by byte: a buffered reader would swallow input meant for whoever reads
     * standard input next. Null at the end of input with nothing read.
     */
    private static String readLine(InputStream in) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                line.write(b);
            }
            if (b < 0 && line.size() == 0) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        return line.toString(StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    }
}
