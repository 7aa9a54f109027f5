#!/usr/bin/env python3
"""Every CSV that wick-cli writes, read by Python's csv module (as pandas and
spreadsheets read it): each row has one field per column and the header names
are exact, column names with commas (MACD(12,26,9).signal) included.

Usage: check_cli_csv.py WICK_CLI WORK_DIR   (CTest: cli_csv_python; WORK_DIR is
removed first and keeps the files afterwards)
"""
import csv
import http.server
import json
import math
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import urllib.parse

BARS = ["ts", "open", "high", "low", "close", "volume"]
INDICATORS = ["ts", "MACD(12,26,9).macd", "MACD(12,26,9).signal", "MACD(12,26,9).hist",
              "BBANDS(20,2,2).upper", "BBANDS(20,2,2).middle", "BBANDS(20,2,2).lower",
              "SMA(9)@RSI(14)"]
FEATURES = ["ts", "return_1", "return_5", "return_10", "log_return", "momentum_10",
            "volatility_5", "volatility_10", "volatility_20", "range_ratio", "volume_change",
            "volume_ratio_20", "vpt", "rsi_zone", "macd_cross", "bb_position", "bb_squeeze",
            "sma_dist_20", "sma_dist_50", "sma_dist_200", "above_sma_50", "above_sma_200",
            "hour", "day_of_week", "market_open"]
QUOTES = ["symbol", "ts", "price", "change_pct", "volume", "state"]
SEARCH = ["key", "name", "type", "exchange"]
MINUTES = 300
START = "2026-03-02T00:00:00Z"
START_S = 1772409600  # START in unix seconds
FAILURES = []


def check(condition, message):
    if not condition:
        FAILURES.append(message)
        print("FAIL: " + message, file=sys.stderr)


def run(cli, *args):
    done = subprocess.run([cli, *args], capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        sys.exit("wick-cli %s failed (%d): %s" % (" ".join(args), done.returncode, done.stderr))


def rows_of(path):
    with open(path, newline="") as f:
        return list(csv.reader(f, strict=True))


def check_table(name, path, header, count):
    rows = rows_of(path)
    check(rows[0] == header, "%s: header %r, want %r" % (name, rows[0], header))
    check(len(rows) == count + 1, "%s: %d rows, want %d" % (name, len(rows) - 1, count))
    for n, row in enumerate(rows[1:], start=2):
        check(len(row) == len(header),
              "%s line %d: %d fields, want %d: %r" % (name, n, len(row), len(header), row))
    return rows


def yahoo_fixture(name):
    with open(os.path.join(os.environ["WICK_TEST_FIXTURES"], "yahoo", name), "rb") as f:
        return f.read()


class FakeYahoo(http.server.BaseHTTPRequestHandler):
    """Yahoo's cookie visit, crumb, quote and search endpoints, from tests/fixtures/yahoo."""

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        headers = []
        if url.path == "/":
            status, body = 404, b"<html></html>"
            headers.append(("Set-Cookie", "A3=d=AQABBKfake; Path=/"))
        elif url.path == "/v1/test/getcrumb":
            status, body = 200, yahoo_fixture("getcrumb.txt").strip()
        elif url.path == "/v7/finance/quote":
            wanted = query.get("symbols", [""])[0].upper().split(",")
            quotes = json.loads(yahoo_fixture("quote_v7_aapl_msft.json"))
            result = quotes["quoteResponse"]["result"]
            quotes["quoteResponse"]["result"] = [q for q in result if q["symbol"] in wanted]
            status, body = 200, json.dumps(quotes).encode()
        elif url.path == "/v1/finance/search":
            status, body = 200, yahoo_fixture("search_apple.json")
        else:
            status, body = 404, b"{}"
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def check_yahoo(cli, work):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeYahoo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = "http://127.0.0.1:%d" % server.server_address[1]
    try:
        symbols = os.path.join(work, "symbols.txt")
        with open(symbols, "w") as f:
            f.write("AAPL\nyahoo:MSFT\nNOPE\n")
        quotes = os.path.join(work, "quotes.csv")
        run(cli, "quotes", "--source", "yahoo", "--symbols-file", symbols, "--rest-url", url,
            "--out", quotes)
        rows = check_table("quotes", quotes, QUOTES, 2)
        check(rows[1] == ["yahoo:AAPL", "2025-02-19T15:29:38Z", "245.19", "-0.31711", "14928",
                          "REGULAR"], "quotes: AAPL row %r" % rows[1])
        check([r[0] for r in rows[1:]] == ["yahoo:AAPL", "yahoo:MSFT"], "quotes: symbols")
        search = subprocess.run([cli, "search", "--source", "yahoo", "apple", "--rest-url", url],
                                capture_output=True, text=True, timeout=120)
        check(search.returncode == 0, "search failed: %s" % search.stderr)
        hits = list(csv.reader(search.stdout.splitlines(), strict=True))
        check(hits[0] == SEARCH, "search: header %r" % hits[0])
        check([h[0] for h in hits[1:]] == ["yahoo:AAPL", "yahoo:APC.DE", "yahoo:AAPU"],
              "search: keys %r" % hits[1:])
        check(all(len(h) == len(SEARCH) for h in hits), "search: fields per row")
    finally:
        server.shutdown()


def number(cell):
    return math.nan if cell == "" else float(cell)


def main():
    cli, work = sys.argv[1], sys.argv[2]
    shutil.rmtree(work, ignore_errors=True)  # a fresh cache each run
    os.makedirs(work)
    demo = os.path.join(work, "demo.csv")
    run(cli, "demo", "--symbols", "1", "--minutes", str(MINUTES), "--start", START, "--out", demo)
    bars = check_table("demo", demo, BARS, MINUTES)
    check(int(bars[1][0]) == START_S - MINUTES * 60, "demo: first ts %s" % bars[1][0])
    check(int(bars[-1][0]) == START_S - 60, "demo: last ts %s" % bars[-1][0])

    out = os.path.join(work, "indicators.csv")
    run(cli, "indicators", "--in", demo, "--out", out, "--ind", "MACD:12,26,9",
        "--ind", "BBANDS:20,2,2", "--ind", "SMA:9@RSI:14")
    values = check_table("indicators", out, INDICATORS, MINUTES)
    check([r[0] for r in values[1:]] == [r[0] for r in bars[1:]], "indicators: ts column")
    last = [number(c) for c in values[-1][1:]]
    check(all(not math.isnan(v) for v in last), "indicators: last row has gaps: %r" % values[-1])
    upper, middle, lower = last[3], last[4], last[5]
    check(upper > middle > lower, "indicators: bands out of order: %r" % values[-1])
    check(abs(last[0] - last[1] - last[2]) < 1e-9, "indicators: macd - signal != hist")
    # TA-Lib lookbacks: MACD(12,26,9) 33, BBANDS(20) 19, SMA(9) of RSI(14) 22.
    for column, lookback in ((1, 33), (4, 19), (7, 22)):
        cells = [r[column] for r in values[1:]]
        check(cells[:lookback] == [""] * lookback and cells[lookback] != "",
              "indicators: %s starts at row %d" % (INDICATORS[column], lookback))

    # ML features: plain CSV (no comment line), the version and columns in the sidecar.
    feats_path = os.path.join(work, "features.csv")
    run(cli, "features", "--in", demo, "--symbol", "demo:BTCUSD", "--out", feats_path)
    feats = check_table("features", feats_path, FEATURES, MINUTES)
    check([r[0] for r in feats[1:]] == [r[0] for r in bars[1:]], "features: ts column")
    check(all(r[-1] == "1" for r in feats[1:]), "features: demo:BTCUSD trades 24/7")
    check(feats[1][1] == "" and feats[2][1] != "", "features: return_1 starts at row 1")
    with open(feats_path + ".json") as f:
        sidecar = json.load(f)
    check(sidecar["version"] == "wick-features/1", "features: version %r" % sidecar["version"])
    check([c["name"] for c in sidecar["columns"]] == FEATURES, "features: sidecar columns")
    check(sidecar["bars"] == MINUTES, "features: sidecar bars %r" % sidecar["bars"])
    close = [float(r[4]) for r in bars[1:]]
    for n in range(1, MINUTES):
        want = close[n] / close[n - 1] - 1
        check(abs(float(feats[n + 1][1]) - want) <= 1e-12 * max(1, abs(want)),
              "features: return_1 row %d" % n)

    # Alert fires: a rule text with commas is one field, exactly as given.
    macd_rule = "MACD:12,26,9.macd crosses_above MACD:12,26,9.signal"
    level_rule = "close > 0"
    fires_path = os.path.join(work, "fires.csv")
    run(cli, "alerts", "--in", demo, "--rule", macd_rule, "--rule", level_rule,
        "--out", fires_path)
    fires = rows_of(fires_path)
    check(fires[0] == ["ts", "rule", "value"], "alerts: header %r" % fires[0])
    for n, row in enumerate(fires[1:], start=2):
        check(len(row) == 3, "alerts line %d: %d fields: %r" % (n, len(row), row))
    macd_fires = [r for r in fires[1:] if r[1] == macd_rule]
    level_fires = [r for r in fires[1:] if r[1] == level_rule]
    check(len(macd_fires) > 0, "alerts: no MACD crossing in %d demo bars" % MINUTES)
    check(len(macd_fires) + len(level_fires) == len(fires) - 1, "alerts: a rule field was split")
    check([r[0] for r in level_fires] == [r[0] for r in bars[1:]], "alerts: close > 0 every bar")
    check([r[2] for r in level_fires] == [r[4] for r in bars[1:]], "alerts: close values")
    by_ts = {r[0]: r for r in values[1:]}
    for ts, _, value in macd_fires:
        macd, signal = number(by_ts[ts][1]), number(by_ts[ts][2])
        check(float(value) == macd and macd > signal,
              "alerts: MACD fire at %s: %s vs indicators %r" % (ts, value, by_ts[ts][1:3]))

    db = os.path.join(work, "cache.db")
    run(cli, "import", "--db", db, "--symbol", "csv:PY", "--timeframe", "1m", "--in", demo)
    exported = os.path.join(work, "export.csv")
    run(cli, "export", "--db", db, "--symbol", "csv:PY", "--timeframe", "1m", "--out", exported)
    check(check_table("export", exported, BARS, MINUTES) == bars, "export: not the demo's rows")

    # A forming bar after the closed ones, as `wick-cli collect` leaves it.
    forming_ts = START_S
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO forming_bars (symbol_id, timeframe, time, open, high, low, close, "
            "volume, trade_count, updated_at) SELECT id, 0, ?, 10.5, 11, 10, 10.75, 2.5, 3, ? "
            "FROM symbols WHERE source = 'csv' AND code = 'PY'",
            (forming_ts * 1000, forming_ts * 1000 + 30_000))
    conn.close()
    marked = os.path.join(work, "export-forming.csv")
    run(cli, "export", "--db", db, "--symbol", "csv:PY", "--timeframe", "1m", "--include-forming",
        "--out", marked)
    rows = check_table("export --include-forming", marked, BARS + ["forming"], MINUTES + 1)
    check([r[:6] for r in rows[1:-1]] == bars[1:], "export --include-forming: closed rows")
    check([r[6] for r in rows[1:-1]] == ["0"] * MINUTES, "export --include-forming: flags 0")
    check(rows[-1] == [str(forming_ts), "10.5", "11", "10", "10.75", "2.5", "1"],
          "export --include-forming: forming row %r" % rows[-1])

    check_yahoo(cli, work)

    if FAILURES:
        sys.exit("%d check(s) failed" % len(FAILURES))
    print("all wick-cli CSV outputs parse with Python's csv module")


if __name__ == "__main__":
    main()
