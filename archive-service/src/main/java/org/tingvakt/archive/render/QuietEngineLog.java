package org.tingvakt.archive.render;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;
import java.util.logging.Level;

/**
 * Sends openhtmltopdf's own log (which names every URI it refuses and could quote markup) to DEBUG. Evidence is personal
 * data and must never reach INFO logs; failures reach the caller as {@link EvidenceRenderingException} instead.
 */
final class QuietEngineLog implements XRLogger {
    private static final System.Logger LOG = System.getLogger("org.tingvakt.archive.render.openhtmltopdf");

    private QuietEngineLog() {}

    /** Installs the quiet logger once per JVM (openhtmltopdf's logger is a global). */
    static void install() {
        synchronized (XRLog.class) {
            if (!(XRLog.getLoggerImpl() instanceof QuietEngineLog)) {
                XRLog.setLoggerImpl(new QuietEngineLog());
            }
        }
    }

    @Override
    public void log(String where, Level level, String msg) {
        LOG.log(System.Logger.Level.DEBUG, "{0} {1}: {2}", where, level, msg);
    }

    @Override
    public void log(String where, Level level, String msg, Throwable th) {
        LOG.log(System.Logger.Level.DEBUG, where + " " + level + ": " + msg, th);
    }

    @Override
    public void setLevel(String logger, Level level) {
        // Levels are the host's logging configuration's business.
    }

    @Override
    public boolean isLogLevelEnabled(Diagnostic diagnostic) {
        return LOG.isLoggable(System.Logger.Level.DEBUG);
    }
}
