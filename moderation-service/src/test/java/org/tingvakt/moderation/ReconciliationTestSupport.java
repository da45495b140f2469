package org.tingvakt.moderation;

import javax.sql.DataSource;
import org.tingvakt.contracts.Platform;

/** {@link TestSupport}'s database helpers, for tests in other packages. */
public final class ReconciliationTestSupport {
    private ReconciliationTestSupport() {}

    public static void account(DataSource db, Platform platform, String externalId) {
        TestSupport.account(db, platform, externalId, "da", "{}", false);
    }

    public static long count(DataSource db, String sql, Object... params) {
        return TestSupport.count(db, sql, params);
    }

    public static String single(DataSource db, String sql, Object... params) {
        return TestSupport.single(db, sql, params);
    }
}
