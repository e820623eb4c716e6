"""Real headings in an ODT: Qt's OpenDocument writer writes a heading as a paragraph in
a large bold style, which looks right but is not a heading to LibreOffice or Word (no
outline, no navigator, no table of contents). Each paragraph that was a heading in the
document is turned into the `text:h` element of its level, in content.xml."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def with_headings(odt: bytes, levels: list[int]) -> bytes:
    """Return `odt` with its n-th paragraph made a heading of `levels[n]` (0: none).

    `levels` has one entry per block of the document, in order, as Qt writes one
    paragraph per block."""
    source = zipfile.ZipFile(io.BytesIO(odt))
    content = etree.fromstring(source.read("content.xml"))
    paragraphs = list(content.iter(f"{{{TEXT}}}p"))
    if len(paragraphs) != len(levels):
        return odt  # not one paragraph per block: leave Qt's file as it is
    for paragraph, level in zip(paragraphs, levels, strict=True):
        if level:
            paragraph.tag = f"{{{TEXT}}}h"
            paragraph.set(f"{{{TEXT}}}outline-level", str(level))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "content.xml":
                data = etree.tostring(content, xml_declaration=True, encoding="UTF-8")
            # The mimetype entry stays first and uncompressed, as ODF requires.
            kind = zipfile.ZIP_STORED if item.filename == "mimetype" else zipfile.ZIP_DEFLATED
            target.writestr(item.filename, data, compress_type=kind)
    return out.getvalue()
