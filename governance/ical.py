"""A small iCalendar (RFC 5545) writer: just what a feed of meetings needs."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

LINE_OCTETS = 75


def escape_text(value: str) -> str:
    """TEXT values: backslash, semicolon and comma escaped; every line break becomes \\n."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, never inside a character; each
    continuation starts with a space (which counts towards its 75)."""
    if len(line.encode()) <= LINE_OCTETS:
        return line
    parts, current, size = [], [], 0
    for char in line:
        width = len(char.encode())
        if size + width > LINE_OCTETS:
            parts.append("".join(current))
            current, size = [], 1  # the leading space of the continuation
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def utc_stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


@dataclass
class Event:
    uid: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    summary: str
    location: str = ""
    description: str = ""
    url: str = ""


def calendar(name: str, events: Iterable[Event], *, now: datetime.datetime) -> str:
    """The whole calendar as text with CRLF line ends, ready to serve as text/calendar."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//trustplan//governance meetings//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    stamp = utc_stamp(now)
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{utc_stamp(event.starts_at)}",
            f"DTEND:{utc_stamp(event.ends_at)}",
            f"SUMMARY:{escape_text(event.summary)}",
        ]
        if event.location:
            lines.append(f"LOCATION:{escape_text(event.location)}")
        if event.description:
            lines.append(f"DESCRIPTION:{escape_text(event.description)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
