package org.tingvakt.archive.export;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The published schemas, compiled offline: METS 1.12 with its XLink schema and the DILCIS CSIP/SIP extension schemas of
 * one E-ARK version, PREMIS 3.0, and the package description. Nothing is fetched from the network: mets.xsd's import of
 * {@code http://www.loc.gov/standards/xlink/xlink.xsd} is answered from the classpath, and any other external reference
 * fails the test.
 */
final class EarkSchemas {
    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();
    private static final String XLINK_URL = "http://www.loc.gov/standards/xlink/xlink.xsd";

    private EarkSchemas() {}

    /** METS 1.12 + XLink + the CSIP and SIP extension schemas of the profile's version. */
    static Schema mets(EarkProfile profile) {
        return CACHE.computeIfAbsent(
                "mets-" + profile.version(),
                k -> compile(
                        "eark/common/mets.xsd",
                        "eark/" + profile.version() + "/DILCISExtensionMETS.xsd",
                        "eark/" + profile.version() + "/DILCISExtensionSIPMETS.xsd"));
    }

    static Schema premis() {
        return CACHE.computeIfAbsent("premis", k -> compile("eark/common/premis.xsd"));
    }

    static Schema description() {
        return CACHE.computeIfAbsent("description", k -> compile("eark/tingvakt/tingvakt-package-description.xsd"));
    }

    /** Every error and warning the schema reports for {@code xml} (empty: valid). */
    static List<String> validate(Schema schema, byte[] xml) {
        List<String> errors = new ArrayList<>();
        Validator validator = schema.newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setResourceResolver(OFFLINE);
            validator.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                    errors.add("warning at " + e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
                }

                @Override
                public void error(SAXParseException e) {
                    errors.add("error at " + e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
                }

                @Override
                public void fatalError(SAXParseException e) {
                    errors.add("fatal at " + e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
                }
            });
            validator.validate(new StreamSource(new ByteArrayInputStream(xml)));
        } catch (SAXException | IOException e) {
            errors.add("not validated: " + e.getMessage());
        }
        return errors;
    }

    private static Schema compile(String... resources) {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setResourceResolver(OFFLINE);
            StreamSource[] sources = new StreamSource[resources.length];
            for (int i = 0; i < resources.length; i++) {
                URL url = EarkSchemas.class.getClassLoader().getResource(resources[i]);
                if (url == null) {
                    throw new IllegalStateException("schema " + resources[i] + " is not on the classpath");
                }
                sources[i] = new StreamSource(url.openStream(), url.toExternalForm());
            }
            return factory.newSchema(sources);
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("schemas do not compile: " + String.join(", ", resources), e);
        }
    }

    /** Answers the XLink import from the classpath and the schemas' relative imports from their folder; nothing else. */
    private static final LSResourceResolver OFFLINE = (type, namespace, publicId, systemId, baseUri) -> {
        try {
            if (XLINK_URL.equals(systemId)) {
                return new Input(
                        publicId,
                        systemId,
                        baseUri,
                        EarkSchemas.class.getClassLoader().getResourceAsStream("eark/common/xlink.xsd"));
            }
            if (systemId != null && !systemId.contains(":") && baseUri != null) {
                URL local = java.net.URI.create(baseUri).resolve(systemId).toURL();
                if (local.getProtocol().equals("file") || local.getProtocol().equals("jar")) {
                    return new Input(publicId, local.toExternalForm(), baseUri, local.openStream());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + systemId, e);
        }
        throw new IllegalStateException(
                "schema validation asked for " + systemId + " (" + namespace + "): refused, tests run offline");
    };

    private record Input(String publicId, String systemId, String baseURI, InputStream byteStream) implements LSInput {
        @Override
        public String getPublicId() {
            return publicId;
        }

        @Override
        public String getSystemId() {
            return systemId;
        }

        @Override
        public String getBaseURI() {
            return baseURI;
        }

        @Override
        public InputStream getByteStream() {
            return byteStream;
        }

        @Override
        public Reader getCharacterStream() {
            return null;
        }

        @Override
        public String getStringData() {
            return null;
        }

        @Override
        public String getEncoding() {
            return null;
        }

        @Override
        public boolean getCertifiedText() {
            return false;
        }

        @Override
        public void setCharacterStream(Reader r) {}

        @Override
        public void setByteStream(InputStream b) {}

        @Override
        public void setStringData(String s) {}

        @Override
        public void setSystemId(String s) {}

        @Override
        public void setPublicId(String p) {}

        @Override
        public void setBaseURI(String b) {}

        @Override
        public void setEncoding(String e) {}

        @Override
        public void setCertifiedText(boolean c) {}
    }
}
