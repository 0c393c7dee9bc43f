"""Side by side with sys4's tlsrpt-reporter on one synthetic day (docs/benchmarks.md, "Side by side with
sys4's tlsrpt-reporter"); scripts/bench-vs-sys4 builds, installs and starts what this needs, then runs it.

One seeded day, two forms of it: SyntheticDayDatagrams writes the day's sessions as libtlsrpt datagrams, which
go once into sys4's tlsrpt-collectd (blocking sends, nothing dropped), followed by its day roll-over forced
with SIGUSR2 (the signal collectd itself handles for that); SyntheticDay ingests the same results into our
results table in the emulator in each of our runs. Then in turns, sys4 then ours:

  sys4: a fresh tlsrpt-reportd over a copy of the rolled-over day, its fetcher the stock tlsrpt-fetcher,
        sendmail_script and http_script a script doing `cat >/dev/null`, every report due at once
        (spread_out_delivery = 1 s); from its start to every destination marked sent in its database.
  ours: SyntheticDay in a fresh JVM on an emptied emulator, --report-all-success (sys4 reports every
        domain it has data for), from the planner's start to the worker's last job (ComparisonFigures).

Only the Python standard library; sys4's programs run from their own venv with a clean environment.
"""
import argparse
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

CLK_TCK = os.sysconf("SC_CLK_TCK")


def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def vm_hwm_kb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return -1


def proc_cpu(pid):
    """(own, reaped children) CPU seconds of a live process, from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    utime, stime, cutime, cstime = (int(f) for f in fields[11:15])
    return (utime + stime) / CLK_TCK, (cutime + cstime) / CLK_TCK


def clean_env():
    # sys4's programs read TLSRPT_<PROGRAM>_* variables as options: give them none of ours.
    return {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "TZ") if k in os.environ}


def query(db, sql):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return con.execute(sql).fetchone()
    finally:
        con.close()


def wait_for(what, check, timeout, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except sqlite3.Error:
            pass  # the writer holds the database, or has not created the table yet
        time.sleep(interval)
    sys.exit(f"timed out after {timeout} s waiting for {what}")


class Sys4:
    def __init__(self, venv, work):
        self.bin = Path(venv) / "bin"
        self.work = work
        self.sink = work / "sink"
        self.sink.write_text("#!/bin/sh\ncat >/dev/null\n")
        self.sink.chmod(0o755)
        self.day_db = work / "collectd-day.sqlite"

    def collect(self, datagram_file):
        """The day into collectd, then its roll-over: a closed day in collectd's yesterday database."""
        d = self.work / "collectd"
        shutil.rmtree(d, ignore_errors=True)
        d.mkdir()
        storage, sock = d / "collectd.sqlite", d / "collectd.socket"
        cfg = d / "collectd.cfg"
        cfg.write_text("[tlsrpt_collectd]\n"
                       f"storage = sqlite://{storage}\n"
                       f"socketname = {sock}\n"
                       "sockettimeout = 1\n"
                       f"dump_path_for_invalid_datagram = {d / 'invalid-datagram'}\n")
        datagrams = [line.rstrip("\n").encode() for line in open(datagram_file, encoding="utf-8") if line.strip()]
        sessions = len(datagrams)  # one policy per datagram
        with open(d / "collectd.log", "wb") as log:
            proc = subprocess.Popen([str(self.bin / "tlsrpt-collectd"), "--config_file", str(cfg)],
                                    env=clean_env(), stdout=log, stderr=subprocess.STDOUT)
        wait_for("collectd's socket", sock.exists, 30)
        start = time.monotonic()
        out = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        for datagram in datagrams:
            out.sendto(datagram, str(sock))  # blocking: collectd sets the pace, nothing is dropped
        out.close()
        wait_for("collectd to store every session",
                 lambda: (query(storage, "SELECT sum(cntrtotal) FROM finalresults")[0] or 0) == sessions, 600)
        stored = time.monotonic() - start
        proc.send_signal(signal.SIGUSR2)
        yesterday = Path(str(storage) + ".yesterday")
        wait_for("collectd's roll-over", lambda: yesterday.exists() and storage.exists()
                 and query(storage, "SELECT count(*) FROM dbversion")[0] == 1
                 and (query(yesterday, "SELECT sum(cntrtotal) FROM finalresults")[0] or 0) == sessions
                 and query(yesterday, "SELECT count(*) FROM daystatus")[0] == 1, 120)
        own, _ = proc_cpu(proc.pid)
        hwm = vm_hwm_kb(proc.pid)
        proc.send_signal(signal.SIGTERM)
        proc.wait(60)
        shutil.copyfile(yesterday, self.day_db)
        day, domains = query(self.day_db, "SELECT min(day), count(DISTINCT domain) FROM finalresults")
        print(f"sys4 tlsrpt-collectd: {len(datagrams):,} datagrams ({sessions:,} sessions) stored in {stored:.1f} s "
              f"(commits on a 1 s socket timeout), {own:.1f} CPU s, peak RSS {hwm / 1024:.1f} MiB; "
              f"rolled over: day {day}, {domains:,} domains", flush=True)
        return domains

    def report(self, run):
        """One reportd run over a copy of the closed day; returns its figures."""
        d = self.work / f"reportd-{run}"
        shutil.rmtree(d, ignore_errors=True)
        d.mkdir()
        storage = d / "collectd.sqlite"
        shutil.copyfile(self.day_db, str(storage) + ".yesterday")  # what the fetcher reads
        (d / "fetcher.cfg").write_text(f"[tlsrpt_fetcher]\nstorage = sqlite://{storage}\n")
        db = d / "reportd.sqlite"
        cfg = d / "reportd.cfg"
        cfg.write_text("[tlsrpt_reportd]\n"
                       "organization_name = Example Mail Operator (synthetic day)\n"
                       "contact_info = tlsrpt@sender.example\n"
                       "sender_address = tlsrpt-noreply@sender.example\n"
                       f"dbname = {db}\n"
                       f"fetchers = {self.bin / 'tlsrpt-fetcher'} --config_file {d / 'fetcher.cfg'}\n"
                       f"sendmail_script = {self.sink}\n"
                       # reportd appends the URL: the sink ignores its arguments.
                       f"http_script = {self.sink}\n"
                       "spread_out_delivery = 1\n")
        with open(d / "reportd.log", "wb") as log:
            start = time.monotonic()
            proc = subprocess.Popen([str(self.bin / "tlsrpt-reportd"), "--config_file", str(cfg)],
                                    env=clean_env(), stdout=log, stderr=subprocess.STDOUT)

        def done():
            fetched, = query(db, "SELECT count(*) FROM fetchjobs WHERE status='ok'")
            pending, = query(db, "SELECT count(*) FROM reportdata WHERE data IS NULL")
            data, = query(db, "SELECT count(*) FROM reportdata")
            reported, = query(db, "SELECT count(DISTINCT domain) FROM reports")
            unsent, total = query(db, "SELECT sum(status IS NULL), count(*) FROM destinations")
            return fetched == 1 and pending == 0 and data > 0 and reported == data and total > 0 and unsent == 0

        wait_for("reportd to hand over every report", done, 3600, interval=0.1)
        wall = time.monotonic() - start
        own, children = proc_cpu(proc.pid)
        hwm = vm_hwm_kb(proc.pid)
        proc.send_signal(signal.SIGTERM)
        _, status, usage = os.wait4(proc.pid, 0)
        cpu = usage.ru_utime + usage.ru_stime  # reportd and every child it reaped
        sent, mailto, https, other = query(db, "SELECT sum(status='sent'), sum(destination LIKE 'mailto:%'), "
                                               "sum(destination LIKE 'https:%'), sum(status != 'sent') FROM destinations")
        reports, = query(db, "SELECT count(*) FROM reports")
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        sessions = sum(p["summary"]["total-successful-session-count"] + p["summary"]["total-failure-session-count"]
                       for (report,) in con.execute("SELECT report FROM reports") for p in json.loads(report)["policies"])
        con.close()
        return {"side": "sys4", "wall": wall, "own_wall": wall, "cpu": cpu, "cpu_detail": f"reportd {own:.1f} s + fetchers and sink "
                f"scripts {children:.1f} s at the end (exit {os.waitstatus_to_exitcode(status)})",
                "process_cpu": cpu, "reports": sent, "rss_mib": hwm / 1024,
                "rss_detail": f"reportd's VmHWM; largest child {usage.ru_maxrss / 1024:.1f} MiB",
                "note": f"{reports} reports of {sessions:,} sessions, {sent} destinations sent ({mailto} mailto, {https} https), {other or 0} not sent"}


class Ours:
    def __init__(self, java, jar, jvm_flags, endpoint, work, args):
        self.java, self.jar, self.jvm_flags, self.endpoint, self.work, self.args = java, jar, jvm_flags, endpoint, work, args

    def report(self, run):
        urllib.request.urlopen(urllib.request.Request(self.endpoint + "/moto-api/reset", method="POST")).read()
        figures = self.work / f"tlsrpt-{run}.properties"
        log = self.work / f"tlsrpt-{run}.log"
        command = [self.java, *self.jvm_flags.split(), "-Xmx1g", "-cp", str(self.jar), "dev.tlsrpt.bench.day.SyntheticDay",
                   "--destinations", str(self.args.destinations), "--results-per-destination",
                   str(self.args.results_per_destination), "--seed", str(self.args.seed), "--threads", "1",
                   "--queue", "in-process", "--report-all-success", "--figures", str(figures)]
        with open(log, "wb") as out:
            subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, check=True)
        f = dict(line.split("=", 1) for line in figures.read_text().splitlines())
        planner, worker, process = (int(f[k]) / 1e9 for k in ("planner_cpu_ns", "worker_cpu_ns", "process_cpu_ns"))
        if f["peak_rss_since_day_closed"] != "true":
            print("  (could not reset the JVM's VmHWM at day close: its peak covers the whole run)")
        wall = int(f["wall_ns"]) / 1e9
        waited = (int(f.get("emulator_ns", 0)) + int(f.get("receiver_ns", 0))) / 1e9
        return {"side": "tlsrpt", "wall": wall, "own_wall": wall - waited, "cpu": planner + worker,
                "cpu_detail": f"planner thread {planner:.2f} s + worker thread {worker:.2f} s; JVM process {process:.2f} s",
                "process_cpu": process, "reports": int(f["reports_sent"]), "rss_mib": int(f["peak_rss_kb"]) / 1024,
                "rss_detail": "JVM VmHWM from day close",
                "note": f"wall less the worker's {waited:.1f} s waiting for the emulator and the https receiver "
                        f"{wall - waited:.1f} s; {f['jobs']} jobs of {f['jobs_planned']} planned, {f['errors']} errors, outcomes {f['outcomes']}"}


def print_run(name, r, destinations):
    print(f"{name:4} {r['side']:7} reports {r['reports']:5,}  CPU {r['cpu']:6.2f} s = {1000 * r['cpu'] / max(1, r['reports']):6.2f} ms/report, "
          f"{1000 * r['cpu'] / destinations:6.2f} ms/destination  wall {r['wall']:6.2f} s  peak RSS {r['rss_mib']:6.1f} MiB"
          f"  load {load_average()}", flush=True)
    print(f"       CPU: {r['cpu_detail']}; RSS: {r['rss_detail']}; {r['note']}", flush=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--sys4-venv", required=True)
    p.add_argument("--java", required=True)
    p.add_argument("--jar", required=True)
    p.add_argument("--jvm-flags", default="-XX:+TieredCompilation")
    p.add_argument("--endpoint", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--destinations", type=int, default=1000)
    p.add_argument("--results-per-destination", type=int, default=10)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--turns", type=int, default=2)
    args = p.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    print(f"load average at start: {load_average()}", flush=True)

    datagram_file = work / "datagrams.jsonl"
    subprocess.run([args.java, "-cp", args.jar, "dev.tlsrpt.bench.day.SyntheticDayDatagrams",
                    "--destinations", str(args.destinations), "--results-per-destination", str(args.results_per_destination),
                    "--seed", str(args.seed), "--out", str(datagram_file)], check=True)
    sys4 = Sys4(args.sys4_venv, work)
    domains = sys4.collect(datagram_file)
    if domains != args.destinations:
        sys.exit(f"collectd holds {domains} domains, not the day's {args.destinations}")
    ours = Ours(args.java, args.jar, args.jvm_flags, args.endpoint, work, args)

    runs = []
    for turn in range(1, args.turns + 1):
        for label, side in (("A", sys4), ("B", ours)):
            r = side.report(turn)
            runs.append(r)
            print_run(f"{label}{turn}", r, args.destinations)

    print(f"\nmedians over {args.turns} turns, {args.destinations:,} destinations; ratio = sys4 / tlsrpt", flush=True)
    med = {s: {k: statistics.median(r[k] for r in runs if r["side"] == s)
               for k in ("cpu", "process_cpu", "wall", "own_wall", "rss_mib", "reports")} for s in ("sys4", "tlsrpt")}
    rows = [("CPU per report sent, ms", lambda m: 1000 * m["cpu"] / m["reports"]),
            ("CPU per destination, ms", lambda m: 1000 * m["cpu"] / args.destinations),
            ("process CPU per report sent, ms", lambda m: 1000 * m["process_cpu"] / m["reports"]),
            ("wall, day closed to all handed over, s", lambda m: m["wall"]),
            ("wall, ours less emulator/receiver waits, s", lambda m: m["own_wall"]),
            ("peak RSS, MiB", lambda m: m["rss_mib"]),
            ("reports sent", lambda m: m["reports"])]
    for name, f in rows:
        a, b = f(med["sys4"]), f(med["tlsrpt"])
        print(f"  {name:44} sys4 {a:9.2f}   tlsrpt {b:9.2f}   ratio {a / b:7.2f}")
    print(f"load average at end: {load_average()}", flush=True)


if __name__ == "__main__":
    main()
