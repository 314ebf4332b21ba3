package dev.polyboot.formats.wim;

import dev.polyboot.formats.CorruptStructureException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses a WIM's XML data into {@link WimImage}s with the JDK's StAX parser. Hostile-input rules: no DTD at all
 * (a DOCTYPE is refused, so neither external entities nor entity expansion can happen), nesting depth and text
 * lengths capped; the caller caps the document size.
 */
final class WimXml {
    static final int MAX_DEPTH = 32;
    static final int MAX_TEXT = 64 << 10;
    static final int MAX_IMAGES = 10_000;

    private WimXml() {}

    static List<WimImage> parse(String xml, long at) throws CorruptStructureException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        List<WimImage> images = new ArrayList<>();
        Deque<String> path = new ArrayDeque<>();
        ImageBuilder image = null;
        StringBuilder text = new StringBuilder();
        try {
            XMLStreamReader r = f.createXMLStreamReader(new StringReader(xml));
            try {
                while (r.hasNext()) {
                    switch (r.next()) {
                        case XMLStreamConstants.DTD -> throw new CorruptStructureException("WIM XML data", at, "DOCTYPE",
                                "none", "a DOCTYPE declaration");
                        case XMLStreamConstants.START_ELEMENT -> {
                            path.addLast(r.getLocalName());
                            text.setLength(0);
                            if (path.size() > MAX_DEPTH) {
                                throw new CorruptStructureException("WIM XML data", at, "nesting depth", "at most " + MAX_DEPTH, path.size());
                            }
                            if (path.size() == 2 && path.peekFirst().equals("WIM") && r.getLocalName().equals("IMAGE")) {
                                if (images.size() >= MAX_IMAGES) {
                                    throw new CorruptStructureException("WIM XML data", at, "IMAGE elements", "at most " + MAX_IMAGES, "more");
                                }
                                image = new ImageBuilder(index(r.getAttributeValue(null, "INDEX"), at));
                            }
                        }
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                            if (text.length() + r.getTextLength() > MAX_TEXT) {
                                throw new CorruptStructureException("WIM XML data", at, "text of " + path.peekLast(),
                                        "at most " + MAX_TEXT + " characters", "more");
                            }
                            text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                        }
                        case XMLStreamConstants.END_ELEMENT -> {
                            if (image != null && path.size() == 2) {
                                images.add(image.build());
                                image = null;
                            } else if (image != null) {
                                image.set(String.join("/", path).substring("WIM/IMAGE/".length()), text.toString().strip(), at);
                            }
                            path.removeLast();
                            text.setLength(0);
                        }
                        default -> { }
                    }
                }
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new CorruptStructureException("WIM XML data", at, "XML", "well-formed XML", e.getMessage());
        }
        return images;
    }

    private static int index(String value, long at) throws CorruptStructureException {
        try {
            int i = Integer.parseInt(value == null ? "" : value.strip());
            if (i >= 1) return i;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CorruptStructureException("WIM XML data", at, "IMAGE INDEX", "a positive integer", value);
    }

    /** Numbers as wimlib reads them: decimal, or hexadecimal with 0x. */
    static long number(String value, String field, long at) throws CorruptStructureException {
        try {
            long v = value.startsWith("0x") || value.startsWith("0X") ? Long.parseLong(value.substring(2), 16) : Long.parseLong(value);
            if (v >= 0) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CorruptStructureException("WIM XML data", at, field, "a non-negative number", value);
    }

    private static final class ImageBuilder {
        final int index;
        String name = "", description = "", displayName = "", displayDescription = "", flags = "", editionId = "",
                productName = "", installationType = "", defaultLanguage = "";
        long arch = -1, major = -1, minor = -1, build = -1, spBuild = -1, totalBytes = -1;
        final List<String> languages = new ArrayList<>();

        ImageBuilder(int index) {
            this.index = index;
        }

        void set(String element, String value, long at) throws CorruptStructureException {
            switch (element) {
                case "NAME" -> name = value;
                case "DESCRIPTION" -> description = value;
                case "DISPLAYNAME" -> displayName = value;
                case "DISPLAYDESCRIPTION" -> displayDescription = value;
                case "FLAGS" -> flags = value;
                case "TOTALBYTES" -> totalBytes = number(value, element, at);
                case "WINDOWS/ARCH" -> arch = number(value, element, at);
                case "WINDOWS/EDITIONID" -> editionId = value;
                case "WINDOWS/PRODUCTNAME" -> productName = value;
                case "WINDOWS/INSTALLATIONTYPE" -> installationType = value;
                case "WINDOWS/VERSION/MAJOR" -> major = number(value, element, at);
                case "WINDOWS/VERSION/MINOR" -> minor = number(value, element, at);
                case "WINDOWS/VERSION/BUILD" -> build = number(value, element, at);
                case "WINDOWS/VERSION/SPBUILD" -> spBuild = number(value, element, at);
                case "WINDOWS/LANGUAGES/LANGUAGE" -> {
                    if (languages.size() < 1000) languages.add(value);
                }
                case "WINDOWS/LANGUAGES/DEFAULT" -> defaultLanguage = value;
                default -> { }
            }
        }

        WimImage build() {
            return new WimImage(index, name, description, displayName, displayDescription, flags, editionId, productName,
                    installationType, arch, major, minor, build, spBuild, languages, defaultLanguage, totalBytes);
        }
    }
}
