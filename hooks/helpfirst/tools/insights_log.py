"""Reading insights events (helpfirst.insights) from the files a host keeps: nginx and Apache
access logs in the combined format, and the JSON Lines an endpoint writes; plain or gzip.

Access logs are parsed by DuckDB's CSV reader (fields separated by spaces, quoted with `"`,
escaped with a backslash as Apache writes them; nginx writes `\\xHH`), streamed in batches: a
line that is not a combined log line is counted and its file:line kept by DuckDB's rejects
table. Only the requests for `insights/e?…` are events; every other request is passed over.
DuckDB rather than a line parser such as apachelogs: that one takes about 90 µs a line here,
a million events a minute and a half before any counting; DuckDB reads the same in seconds.
"""

from __future__ import annotations

import datetime
import gzip
import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from pathlib import Path
from urllib.parse import unquote_plus

from helpfirst import insights
from helpfirst.insights import Event, EventError

#: How many malformed lines the summary names.
SHOWN_PROBLEMS = 5
_BATCH = 20_000
_MEMORY_LIMIT = "128MB"
#: Lines judged at a time when malformed lines are located.
_BLOCK_LINES = 20_000
_SNIFF_BYTES = 65_536
_EPOCH = datetime.date(1970, 1, 1)
_EVENT_REQUEST = "/" + insights.EVENT_PATH + "?"
_COLUMNS = (
    "{'host': 'VARCHAR', 'ident': 'VARCHAR', 'user': 'VARCHAR', 'time': 'VARCHAR', "
    "'zone': 'VARCHAR', 'request': 'VARCHAR', 'status': 'VARCHAR', 'size': 'VARCHAR', "
    "'referer': 'VARCHAR', 'agent': 'VARCHAR'}"
)
# The combined format's time is `[01/Dec/2026:10:00:00 +0100]`: two fields for the reader.
_DAY = (
    "CAST(floor(epoch(try_strptime(time || ' ' || zone, '[%d/%b/%Y:%H:%M:%S %z]')) / 86400) "
    "AS BIGINT)"
)


class LogError(Exception):
    """A file that cannot be read as a log at all: the message names it."""


@dataclass
class Problems:
    """Malformed lines: how many, and where the first few are."""

    count: int = 0
    first: list[str] = field(default_factory=list)

    def add(self, where: str) -> None:
        """Count one malformed line at `where` (file:line)."""
        self.count += 1
        if len(self.first) < SHOWN_PROBLEMS:
            self.first.append(where)


@dataclass
class Period:
    """Inclusive first and last day of the events read (None: open)."""

    first: datetime.date | None = None
    last: datetime.date | None = None

    def days(self) -> tuple[int, int]:
        """The period as day numbers since 1970-01-01 (UTC)."""
        low = (self.first - _EPOCH).days if self.first else -(10**9)
        high = (self.last - _EPOCH).days if self.last else 10**9
        return low, high


def day_date(day: int) -> datetime.date:
    """The date of a day number."""
    return _EPOCH + datetime.timedelta(days=day)


def read_events(
    paths: list[Path], period: Period, problems: Problems
) -> Iterator[tuple[int, Event]]:
    """(day number, event) for every event in `paths` within `period`, file by file, in each
    file's order. Malformed lines go to `problems`; a file that is no log raises LogError."""
    for path in paths:
        try:
            if _is_json_lines(path):
                yield from _json_lines(path, period, problems)
            else:
                yield from _access_log(path, period, problems)
        except (OSError, EOFError) as error:  # a .gz cut short, a disk failing mid-file
            raise LogError(
                f"{path}: cannot be read to its end ({error}; copy the whole file again)"
            ) from error


def _open(path: Path):
    """The file's bytes, unpacked when its name ends in .gz."""
    return gzip.open(path, "rb") if path.name.endswith(".gz") else open(path, "rb")


def _is_json_lines(path: Path) -> bool:
    """True for JSON Lines, False for an access log; LogError for anything else."""
    try:
        with _open(path) as handle:
            head = handle.read(_SNIFF_BYTES)
    except FileNotFoundError as error:
        raise LogError(f"{path}: no such file") from error
    except IsADirectoryError as error:
        raise LogError(f"{path}: is a folder (name the log files in it)") from error
    except gzip.BadGzipFile as error:
        raise LogError(
            f"{path}: not gzip data (unpack it with gzip, or name it without .gz)"
        ) from error
    except (OSError, EOFError) as error:
        raise LogError(f"{path}: cannot be read: {error}") from error
    if b"\0" in head:
        raise LogError(f"{path}: not a log (it holds binary data; name access logs or JSON Lines)")
    return head.lstrip().startswith(b"{")


def _json_lines(path: Path, period: Period, problems: Problems) -> Iterator[tuple[int, Event]]:
    """Events of a JSON Lines file: one object a line, the event's keys and `ts`."""
    low, high = period.days()
    read = bad = 0
    with _open(path) as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
                if not isinstance(record, dict):
                    raise ValueError("not an object")
                day = _iso_day(record.get("ts"))
                event = insights.read(record)
            except (ValueError, EventError):
                problems.add(f"{path}:{number}")
                bad += 1
                continue
            read += 1
            if low <= day <= high:
                yield day, event
    if read == 0 and bad:
        raise LogError(f"{path}: not a log (no line of it is an insights event in JSON)")


def _iso_day(value: object) -> int:
    """The UTC day number of an ISO 8601 timestamp with its zone."""
    if not isinstance(value, str):
        raise ValueError("ts: missing")
    moment = datetime.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError("ts: no time zone")
    return (moment.astimezone(datetime.UTC).date() - _EPOCH).days


def _access_log(path: Path, period: Period, problems: Problems) -> Iterator[tuple[int, Event]]:
    """Events of an nginx or Apache access log in the combined format."""
    import duckdb

    low, high = period.days()
    spill = tempfile.TemporaryDirectory(prefix="kb-insights-")
    connection = duckdb.connect()
    # The reader's own threads would compete with the aggregation for the machine's cores.
    connection.execute("SET threads TO 1")
    connection.execute("SET enable_progress_bar = false")
    # Without a limit DuckDB keeps the whole result of a large log in memory before the first
    # batch is fetched; with one it hands batches over as it reads (or spills to `spill`).
    connection.execute(f"SET memory_limit = '{_MEMORY_LIMIT}'")
    connection.execute("SET temp_directory = ?", [spill.name])
    # Lines that are no combined log line are skipped, not kept (DuckDB's rejects table costs
    # about 2 kB a line, whatever its limit): they are counted and located below.
    source = _reader(rejects=False)
    bad_events: list[tuple[str, str]] = []
    parsed = 0
    try:
        # Every line read is handed over, to be counted; the event is the query string of the
        # request line `GET /…/insights/e?… HTTP/1.1`, and only events carry their fields.
        cursor = connection.execute(
            f"SELECT contains(request, ?) AS event, CASE WHEN event THEN {_DAY} END, "
            "CASE WHEN event THEN split_part(split_part(request, '?', 2), ' ', 1) END, "
            f"CASE WHEN event THEN time END FROM {source}",
            [_EVENT_REQUEST, _literal_name(path, Path(spill.name))],
        )
        while batch := cursor.fetchmany(_BATCH):
            parsed += len(batch)
            for is_event, day, query, time in batch:
                if not is_event:
                    continue
                event = _query_event(query)
                if event is None or day is None:
                    if len(bad_events) < SHOWN_PROBLEMS:
                        bad_events.append((time, f"?{query} "))
                    problems.count += 1
                    continue
                if low <= day <= high:
                    yield day, event
    except duckdb.IOException as error:  # a .gz cut short
        raise LogError(
            f"{path}: cannot be read to its end ({str(error).splitlines()[0]}; "
            "copy the whole file again)"
        ) from error
    except duckdb.Error as error:
        raise LogError(f"{path}: not a log ({str(error).splitlines()[0]})") from error
    finally:
        connection.close()
        spill.cleanup()
    skipped = _written_lines(path) - parsed
    if not skipped:
        places = []
    else:
        places = _rejected_lines(path, SHOWN_PROBLEMS)
        if parsed == 0:
            where = f"line {places[0]}" if places else "no line"
            raise LogError(
                f"{path}: not a log ({where} is not an access log line in the combined format, "
                "nor JSON)"
            )
        problems.count += skipped
    places += _line_numbers(path, bad_events)
    for number in sorted(places)[: SHOWN_PROBLEMS - len(problems.first)]:
        problems.first.append(f"{path}:{number}")


#: What DuckDB's file readers take for a pattern of file names rather than a name.
_PATTERN_CHARACTERS = frozenset("*?[")


def _literal_name(path: Path, folder: Path) -> str:
    """A name under which DuckDB reads `path` itself: a log named `access[1].log` would be read
    as the pattern `access[1].log`, which names `access1.log`. Such a file is read through a
    link in `folder` with a plain name and the same ending (`.gz` says how it is packed)."""
    if _PATTERN_CHARACTERS.isdisjoint(str(path)):
        return str(path)
    link = folder / ("log.gz" if path.name.endswith(".gz") else "log")
    link.symlink_to(path.resolve())
    return str(link)


def _reader(rejects: bool) -> str:
    """DuckDB's reader of a combined-format log named by the query's first parameter."""
    kept = "store_rejects=true" if rejects else "store_rejects=false"
    return (
        "read_csv(?, delim=' ', quote='\"', escape='\\', header=false, auto_detect=false, "
        f"columns={_COLUMNS}, ignore_errors=true, {kept}, strict_mode=true, parallel=false)"
    )


def _rejected_lines(path: Path, wanted: int) -> list[int]:
    """The numbers of the first `wanted` lines that are no combined log line: the file is read
    again in blocks, each judged by DuckDB with its rejects kept, until enough are found."""
    import duckdb

    found: list[int] = []
    with tempfile.TemporaryDirectory(prefix="kb-insights-") as folder, _open(path) as handle:
        block_path = Path(folder) / "block.log"
        first = 1
        while len(found) < wanted:
            block = list(islice(handle, _BLOCK_LINES))
            if not block:
                break
            block_path.write_bytes(b"".join(block))
            connection = duckdb.connect()
            try:
                connection.execute("SET threads TO 1")
                # Every field is asked for: a count alone would not parse the lines.
                read = connection.execute(
                    f"SELECT * FROM {_reader(rejects=True)}", [str(block_path)]
                )
                while read.fetchmany(_BATCH):
                    pass
                rows = connection.execute(
                    "SELECT DISTINCT line FROM reject_errors ORDER BY line LIMIT ?", [wanted]
                ).fetchall()
            except duckdb.CatalogException:  # no line of this block was rejected
                rows = []
            finally:
                connection.close()
            found += [first + number - 1 for (number,) in rows]
            first += len(block)
    return found[:wanted]


def _written_lines(path: Path) -> int:
    """The number of lines of a file that are not blank."""
    with _open(path) as handle:
        return sum(1 for line in handle if not line.isspace())


def _query_event(query: str) -> Event | None:
    """The event of a query string `v=1&t=search&…`, or None when it is not one."""
    fields = {}
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        if "%" in value or "+" in value:
            value = _unquoted(value)
        fields[key] = value
    try:
        return insights.read(fields)
    except EventError:
        return None


# Queries repeat: each is decoded once.
_unquoted = lru_cache(maxsize=65_536)(unquote_plus)


def _line_numbers(path: Path, requests: list[tuple[str, str]]) -> list[int]:
    """The numbers of the lines that hold these (time, query) texts (the first line for
    each)."""
    wanted = {
        (time.encode("utf-8", "replace"), query.encode("utf-8", "replace"))
        for time, query in requests
    }
    found: list[int] = []
    if not wanted:
        return found
    with _open(path) as handle:
        for number, line in enumerate(handle, 1):
            hit = next((item for item in wanted if item[1] in line and item[0] in line), None)
            if hit is not None:
                found.append(number)
                wanted.discard(hit)
                if not wanted:
                    break
    return found
