#!/usr/bin/env python3
"""Structural check of an OFD package (GB/T 33190) with the Python standard library alone.

An independent reader for the OFD files HPF Archive Desk writes: run it in tests as
    python3 tests/tools/ofd_check.py FILE.ofd
Prints one JSON document: {"problems": [...], "docInfo": {...}, "pages": [[text object text, ...], ...]}.
Checks: the ZIP opens and every entry's CRC holds; every XML part is well-formed and in the OFD
namespace; OFD.xml names a DocRoot that exists; Document.xml's PublicRes/DocumentRes and every
page's BaseLoc exist; every FontFile and MediaFile exists under its Res BaseLoc; every ResourceID
and Font refers to a declared resource; no location points outside the package (absolute paths,
URLs, ..); object IDs are unique and not above MaxUnitID; no Encryptions or external references.
"""
import json
import posixpath
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = "http://www.ofdspec.org/2016"
Q = lambda tag: f"{{{NS}}}{tag}"


def main(path):
    problems = []
    z = zipfile.ZipFile(path)
    bad = z.testzip()
    if bad:
        problems.append(f"CRC mismatch in {bad}")
    names = set(z.namelist())
    parsed = {}
    for n in names:
        if n.endswith(".xml"):
            try:
                root = ET.fromstring(z.read(n))
            except ET.ParseError as e:
                problems.append(f"{n}: not well-formed: {e}")
                continue
            if not root.tag.startswith(f"{{{NS}}}"):
                problems.append(f"{n}: root {root.tag} is not in the OFD namespace")
            parsed[n] = root

    def loc(base_dir, value, what):
        if "://" in value or value.startswith("/") or ".." in value.split("/"):
            problems.append(f"{what}: {value} points outside the package")
            return None
        full = posixpath.normpath(posixpath.join(base_dir, value))
        if full not in names:
            problems.append(f"{what}: {full} is referenced but missing")
            return None
        return full

    ofd = parsed.get("OFD.xml")
    if ofd is None:
        return {"problems": problems + ["OFD.xml missing"], "docInfo": {}, "pages": []}
    if ofd.find(f"{Q('DocBody')}/{Q('Signatures')}") is not None or any(n.lower().startswith("encrypt") for n in names):
        problems.append("signatures or encryption present")
    info = ofd.find(f"{Q('DocBody')}/{Q('DocInfo')}")
    doc_info = {}
    if info is not None:
        for child in info:
            tag = child.tag.split("}")[1]
            if tag == "CustomDatas":
                for c in child:
                    doc_info[f"CustomData:{c.get('Name')}"] = c.text
            elif tag == "Keywords":
                doc_info["Keywords"] = [k.text for k in child]
            else:
                doc_info[tag] = child.text
    root_loc = ofd.findtext(f"{Q('DocBody')}/{Q('DocRoot')}")
    doc_path = loc("", root_loc or "", "DocRoot") if root_loc else None
    if not root_loc:
        problems.append("OFD.xml lists no DocRoot")
    pages = []
    if doc_path and doc_path in parsed:
        doc = parsed[doc_path]
        doc_dir = posixpath.dirname(doc_path)
        declared = {}
        ids = []
        for what in ("PublicRes", "DocumentRes"):
            for res_loc in doc.iter(Q(what)):
                res_path = loc(doc_dir, res_loc.text or "", what)
                if not res_path or res_path not in parsed:
                    continue
                res = parsed[res_path]
                base = posixpath.join(posixpath.dirname(res_path), res.get("BaseLoc", ""))
                for font in res.iter(Q("Font")):
                    declared[font.get("ID")] = "Font"
                    ids.append(font.get("ID"))
                    f = font.findtext(Q("FontFile"))
                    if not f:
                        problems.append(f"font {font.get('ID')} is not embedded")
                    else:
                        loc(base, f, "FontFile")
                for media in res.iter(Q("MultiMedia")):
                    declared[media.get("ID")] = "MultiMedia"
                    ids.append(media.get("ID"))
                    loc(base, media.findtext(Q("MediaFile")) or "", "MediaFile")
        max_id = int(doc.findtext(f"{Q('CommonData')}/{Q('MaxUnitID')}") or "0")
        for page in doc.iter(Q("Page")):
            ids.append(page.get("ID"))
            page_path = loc(doc_dir, page.get("BaseLoc", ""), "Page")
            texts = []
            if page_path and page_path in parsed:
                for node in parsed[page_path].iter():
                    if node.get("ID"):
                        ids.append(node.get("ID"))
                    if node.tag == Q("ImageObject") and declared.get(node.get("ResourceID")) != "MultiMedia":
                        problems.append(f"{page_path}: image {node.get('ID')} refers to undeclared resource {node.get('ResourceID')}")
                    if node.tag == Q("TextObject"):
                        if declared.get(node.get("Font")) != "Font":
                            problems.append(f"{page_path}: text {node.get('ID')} uses undeclared font {node.get('Font')}")
                        texts.append("".join(code.text or "" for code in node.iter(Q("TextCode"))))
            pages.append(texts)
        numbers = [int(i) for i in ids]
        if len(set(numbers)) != len(numbers):
            problems.append("object IDs are not unique")
        if numbers and max(numbers) > max_id:
            problems.append(f"an ID exceeds MaxUnitID {max_id}")
    return {"problems": problems, "docInfo": doc_info, "pages": pages}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: ofd_check.py FILE.ofd", file=sys.stderr)
        sys.exit(2)
    print(json.dumps(main(sys.argv[1]), ensure_ascii=False))
