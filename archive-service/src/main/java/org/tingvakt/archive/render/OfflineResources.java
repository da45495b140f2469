package org.tingvakt.archive.render;

import com.openhtmltopdf.extend.FSStream;
import com.openhtmltopdf.extend.FSStreamFactory;
import com.openhtmltopdf.extend.FSUriResolver;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceType;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;

/**
 * The renderer's only way to the outside world, closed. An evidence record is built from the view alone: fonts and the
 * stylesheet are handed to the renderer from the classpath, so every URI the document could name (http, https, file, jar,
 * ftp, data, relative paths) is refused before and after resolution, and no stream is ever opened for it.
 */
final class OfflineResources {
    /** Every protocol openhtmltopdf would open a stream for; all of them get the refusing factory. */
    static final Set<String> PROTOCOLS = Set.of("http", "https", "file", "jar", "ftp", "data", "classpath", "mailto");

    private static final System.Logger LOG = System.getLogger(OfflineResources.class.getName());
    private static final AtomicLong REFUSED = new AtomicLong();

    private OfflineResources() {}

    /** Access control: nothing external may be loaded, whatever its type. */
    static final BiPredicate<String, ExternalResourceType> DENY_ALL = (uri, type) -> {
        refused(type);
        return false;
    };

    /** URI resolver: nothing resolves, so nothing is looked up. */
    static final FSUriResolver RESOLVE_NOTHING = (baseUri, uri) -> {
        refused(null);
        return null;
    };

    /** Stream factory for every protocol: a refusal, never a connection. */
    static final FSStreamFactory NO_STREAMS = url -> {
        refused(null);
        return new FSStream() {
            @Override
            public java.io.InputStream getStream() {
                return null;
            }

            @Override
            public java.io.Reader getReader() {
                return null;
            }
        };
    };

    /** How many loads were refused since start (for tests and metrics). */
    static long refusedCount() {
        return REFUSED.get();
    }

    private static void refused(ExternalResourceType type) {
        REFUSED.incrementAndGet();
        // The URI itself may carry personal data (a profile link inside hostile markup); never log it.
        LOG.log(System.Logger.Level.DEBUG, "refused an external resource of type {0}", type);
    }
}
