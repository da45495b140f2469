package org.tingvakt.archive.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The Meta app's settings the archive uses ({@code tingvakt.meta.*}, shared in name with moderation). */
@ConfigMapping(prefix = "tingvakt.meta")
public interface MetaAppConfig {
    /** Verifies Meta's signed data-deletion requests; without it the callback refuses every request. */
    Optional<String> appSecret();
}
