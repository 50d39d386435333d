#!/usr/bin/env python3
"""Rebuilds data/devils-dictionary.txt and data/web-genesis.txt from the Debian packages they come from.

Usage (Debian 12): apt-get download dict-devil sword-text-web && dpkg -x dict-devil_*.deb x && dpkg -x sword-text-web_*.deb x
then: python3 data/prepare_texts.py x data
Both outputs use only newline and printable ASCII, the character set of the tool's character-level language model.
"""
import gzip
import re
import struct
import sys
import zlib

# Typographic characters of the WEB mapped to ASCII; anything else outside the vocabulary is an error.
ASCII_FOR = {"\u2014": "--", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}


def tidy(text: str) -> str:
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    bad = sorted({c for c in text if c != "\n" and not (" " <= c <= "~")})
    if bad:
        raise SystemExit(f"characters outside newline + printable ASCII: {bad!r}")
    return text


def devils_dictionary(root: str) -> str:
    # dictd's .dict.dz is gzip-compatible; its entries are the Wiretap text in order after a dictfmt header.
    raw = gzip.open(f"{root}/usr/share/dictd/devil.dict.dz").read().decode("ascii")
    start = raw.index("The Internet Wiretap 1st Online Edition")
    end = raw.rindex("abcdefghijklmnopqrstuvwxyz")  # dictfmt's alphabet entry, not part of the book
    return tidy(raw[start:end])


def web_genesis(root: str) -> str:
    # SWORD zText: .bzs lists (offset, size, uncompressed size) of zlib blocks in .bzz, one block per book here.
    base = f"{root}/usr/share/sword/modules/texts/ztext/engWEB2015eb/"
    index = open(base + "ot.bzs", "rb").read()
    data = open(base + "ot.bzz", "rb").read()
    offset, size, _ = struct.unpack("<III", index[12:24])  # block 1: front matter and Genesis
    osis = zlib.decompress(data[offset:offset + size]).decode("utf-8")
    osis = osis[osis.index('<div canonical="true" osisID="Gen"'):]
    # Footnotes sit between two words with no space around them; drop them without gluing the words.
    osis = re.sub(r"<note\b.*?</note>", " ", osis, flags=re.S)
    osis = re.sub(r"<title\b[^>]*>(.*?)</title>", r"\n\1\n", osis, flags=re.S)
    osis = re.sub(r'<chapter [^>]*sID="Gen\.(\d+)"/>', r"\n\nChapter \1\n\n", osis)
    osis = re.sub(r'<div sID="[^"]*" type="x-p"/>', "\n", osis)
    text = re.sub(r"<[^>]+>", "", osis)
    text = re.sub(r" +([,.;:?!])", r"\1", text)
    for typographic, ascii_text in ASCII_FOR.items():
        text = text.replace(typographic, ascii_text)
    return tidy(text)


def main() -> None:
    root, out = sys.argv[1], sys.argv[2]
    with open(f"{out}/devils-dictionary.txt", "w", encoding="ascii", newline="\n") as f:
        f.write(devils_dictionary(root))
    with open(f"{out}/web-genesis.txt", "w", encoding="ascii", newline="\n") as f:
        f.write(web_genesis(root))


if __name__ == "__main__":
    main()
