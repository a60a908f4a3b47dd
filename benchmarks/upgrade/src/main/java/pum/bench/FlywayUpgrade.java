package pum.bench;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Runs Flyway's migrate on a directory, as its CLI would: {@code FlywayUpgrade JDBC_URL USER DIR}. */
public final class FlywayUpgrade {
    private FlywayUpgrade() {
    }

    /** Migrates and prints how many migrations ran and how long migrate() took. */
    public static void main(String[] args) {
        long t0 = System.nanoTime();
        Flyway flyway = Flyway.configure()
                .dataSource(args[0], args[1], "")
                .locations("filesystem:" + args[2])
                .load();
        MigrateResult r = flyway.migrate();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("flyway: " + r.migrationsExecuted + " migrations executed in " + ms + " ms (in-process)");
    }
}
