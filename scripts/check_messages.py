#!/usr/bin/env python3
"""Independent checks of the report emails tlsrpt generates (RFC 8460 section 5.3).

Usage: check_messages.py DIR ZONE_FILE

For every DIR/*.eml: dkimpy verifies the DKIM signature with tlsrpt='strict' (the key record must
carry s=tlsrpt), taking DNS answers from ZONE_FILE; the signature must be rsa-sha256,
relaxed/relaxed, without l=, with d= the TLS-Report-Submitter, and must cover the report headers;
Subject, content type and attachment filename must have the RFC 8460 section 5.3 shape;
parsedmarc must parse the message as an SMTP TLS report. Prints one line per file and exits
non-zero if any file fails (or if there is none).
"""
import email
import email.policy
import re
import sys
from pathlib import Path

import dkim
import dns.zone
import parsedmarc

# RFC 8460 section 5.3: Subject and attachment filename.
SUBJECT = re.compile(r"^Report Domain: (?P<domain>[a-z0-9.-]+) Submitter: (?P<submitter>[a-z0-9.-]+) Report-ID: <[^<>\s]+@[^<>\s]+>$")
FILENAME = re.compile(r"^(?P<submitter>[a-z0-9.-]+)!(?P<domain>[a-z0-9.-]+)!\d+!\d+(![A-Za-z0-9]+)?\.json\.gz$")
REQUIRED_SIGNED = {"from", "to", "subject", "date", "message-id", "tls-report-domain", "tls-report-submitter"}


def load_txt(zone_file):
    zone = dns.zone.from_file(str(zone_file), origin=".", relativize=False, check_origin=False)
    records = {}
    for name, rdataset in zone.iterate_rdatasets("TXT"):
        key = name.to_text().lower().rstrip(".")
        records[key] = [b"".join(rdata.strings) for rdata in rdataset]
    return records


def dkim_tags(message):
    header = message.get("DKIM-Signature")
    if header is None:
        raise ValueError("no DKIM-Signature")
    value = "".join(str(header).split())
    tags = {}
    for part in value.split(";"):
        if "=" in part:
            k, v = part.split("=", 1)
            tags[k] = v
    return tags


def check(path, txt):
    raw = path.read_bytes()
    message = email.message_from_bytes(raw, policy=email.policy.compat32)

    def dnsfunc(name, timeout=5):
        key = name.decode() if isinstance(name, bytes) else name
        values = txt.get(key.lower().rstrip("."), [])
        return values[0] if values else None

    if not dkim.verify(raw, dnsfunc=dnsfunc, tlsrpt="strict"):
        return "dkim verify failed"
    tags = dkim_tags(message)
    if tags.get("a") != "rsa-sha256" or tags.get("c") != "relaxed/relaxed":
        return f"unexpected a={tags.get('a')} c={tags.get('c')}"
    if "l" in tags:
        return "signature has l="
    signed = {h.lower() for h in tags.get("h", "").split(":")}
    missing = REQUIRED_SIGNED - signed
    if missing:
        return f"headers not signed: {sorted(missing)}"
    submitter = message.get("TLS-Report-Submitter", "")
    if tags.get("d") != submitter:
        return f"d={tags.get('d')} is not TLS-Report-Submitter {submitter}"
    subject = " ".join(str(message.get("Subject", "")).split())
    match = SUBJECT.match(subject)
    if not match or match["domain"] != message.get("TLS-Report-Domain") or match["submitter"] != submitter:
        return f"Subject does not match RFC 8460 section 5.3: {subject!r}"
    if message.get_content_type() != "multipart/report" or message.get_param("report-type") != "tlsrpt":
        return f"not multipart/report; report-type=tlsrpt: {message.get_content_type()}"
    attachments = [p for p in message.walk() if p.get_content_type() == "application/tlsrpt+gzip"]
    if len(attachments) != 1:
        return f"{len(attachments)} application/tlsrpt+gzip parts"
    filename = attachments[0].get_filename() or ""
    match = FILENAME.match(filename)
    if not match or match["domain"] != message.get("TLS-Report-Domain") or match["submitter"] != submitter:
        return f"attachment filename does not match RFC 8460 section 5.3: {filename!r}"
    parsed = parsedmarc.parse_report_email(raw, offline=True)
    if parsed.get("report_type") != "smtp_tls":
        return f"parsedmarc says {parsed.get('report_type')}"
    report = parsed["report"]
    return f"OK dkim=pass d={tags['d']} s={tags['s']} parsedmarc=smtp_tls report-id={report['report_id']} policies={len(report['policies'])}"


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    directory, zone_file = Path(argv[1]), Path(argv[2])
    txt = load_txt(zone_file)
    files = sorted(directory.glob("*.eml"))
    failures = 0
    for path in files:
        try:
            result = check(path, txt)
        except Exception as e:  # any parser or verifier error is a failure of that file
            result = f"{type(e).__name__}: {e}"
        ok = result.startswith("OK")
        failures += 0 if ok else 1
        print(f"{'PASS' if ok else 'FAIL'} {path.name}: {result}")
    print(f"checked {len(files)} messages, {failures} failed")
    return 1 if failures or not files else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
