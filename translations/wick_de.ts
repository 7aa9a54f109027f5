<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="+56"/>
        <source>Wick, a native desktop market terminal.</source>
        <translation>Wick, ein natives Desktop-Marktterminal.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keep the cache, settings and logs in &lt;dir&gt;.</source>
        <translation>Cache, Einstellungen und Protokolle in &lt;dir&gt; ablegen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seed of the demo feed&apos;s simulated market (default 1).</source>
        <translation>Startwert (Seed) des simulierten Markts im Demo-Feed (Standard: 1).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Run the demo market &lt;x&gt; times faster than the clock (default 1).</source>
        <translation>Den Demo-Markt &lt;x&gt;-mal schneller als die Uhr laufen lassen (Standard: 1).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Multiply the demo feed&apos;s trade rate by &lt;x&gt; (default 1).</source>
        <translation>Die Handelsrate des Demo-Feeds mit &lt;x&gt; multiplizieren (Standard: 1).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write a PNG of the main window to &lt;file&gt; when --quit-after elapses.</source>
        <translation>Nach Ablauf von --quit-after ein PNG des Hauptfensters in &lt;file&gt; schreiben.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Quit after &lt;seconds&gt;.</source>
        <translation>Nach &lt;seconds&gt; Sekunden beenden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Log debug messages.</source>
        <translation>Debug-Meldungen protokollieren.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use no network source (the demo feed and the cache only).</source>
        <translation>Keine Netzwerkquelle verwenden (nur Demo-Feed und Cache).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Binance WebSocket base URL (default: settings sources/binance/wsUrl, then WICK_BINANCE_WS_URL, then wss://data-stream.binance.vision).</source>
        <translation>Basis-URL des Binance-WebSockets (Standard: Einstellung sources/binance/wsUrl, dann WICK_BINANCE_WS_URL, dann wss://data-stream.binance.vision).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Binance REST base URL (default: settings sources/binance/restUrl, then WICK_BINANCE_REST_URL, then https://data-api.binance.vision).</source>
        <translation>Basis-URL der Binance-REST-API (Standard: Einstellung sources/binance/restUrl, dann WICK_BINANCE_REST_URL, dann https://data-api.binance.vision).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add &lt;key&gt; (binance:BTCUSDT, demo:AAPL) to the watchlist and show it; repeatable.</source>
        <translation>&lt;key&gt; (binance:BTCUSDT, demo:AAPL) zur Beobachtungsliste hinzufügen und anzeigen; wiederholbar.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open the data-health window (with --screenshot F.png it is saved as F-health.png).</source>
        <translation>Das Fenster Datenqualität öffnen (mit --screenshot F.png wird es als F-health.png gespeichert).</translation>
    </message>
</context>
<context>
    <name>wick::AppController</name>
    <message>
        <location filename="../ui/AppController.cpp" line="+374"/>
        <source>Spot</source>
        <translation>Spot</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Spot · %1</source>
        <translation>Spot · %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1, simulated</source>
        <translation>%1, simuliert</translation>
    </message>
</context>
<context>
    <name>wick::ChartView</name>
    <message>
        <location filename="../ui/chart/ChartView.cpp" line="+101"/>
        <source>1 minute</source>
        <translation>1 Minute</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>5 minutes</source>
        <translation>5 Minuten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>15 minutes</source>
        <translation>15 Minuten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>30 minutes</source>
        <translation>30 Minuten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>4 hours</source>
        <translation>4 Stunden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 week</source>
        <translation>1 Woche</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Indicators</source>
        <translation>Indikatoren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add, edit and remove indicators</source>
        <translation>Indikatoren hinzufügen, bearbeiten und entfernen</translation>
    </message>
    <message>
        <location line="+528"/>
        <source>O</source>
        <translation>E</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>H</source>
        <translation>H</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L</source>
        <translation>T</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C</source>
        <translation>S</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Vol</source>
        <translation>Vol</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> (+%1 more)</source>
        <translation> (+%1 weitere)</translation>
    </message>
</context>
<context>
    <name>wick::DataHealthWindow</name>
    <message>
        <location filename="../ui/health/DataHealthWindow.cpp" line="+114"/>
        <source>half-open</source>
        <translation>halb offen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>closed</source>
        <translation>geschlossen</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Data Health</source>
        <translation>Datenqualität</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The feed&apos;s connection state now</source>
        <translation>Aktueller Verbindungsstatus des Feeds</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Msgs/s</source>
        <translation>Nachr./s</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Messages received in the last second</source>
        <translation>In der letzten Sekunde empfangene Nachrichten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reconnects</source>
        <translation>Neuverbindungen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stream reconnects since the feed started</source>
        <translation>Neuverbindungen des Streams seit dem Start des Feeds</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limit waits</source>
        <translation>Limit-Wartezeiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requests held back by the rate limiter or a Retry-After, since the start</source>
        <translation>Seit dem Start vom Ratenbegrenzer oder einem Retry-After zurückgehaltene Anfragen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Request weight used in the current minute / the source&apos;s limit</source>
        <translation>In der laufenden Minute verbrauchtes Anfragegewicht / Limit der Quelle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>REST fails</source>
        <translation>REST-Fehler</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>REST requests that failed (5xx, network errors, timeouts)</source>
        <translation>Fehlgeschlagene REST-Anfragen (5xx, Netzwerkfehler, Zeitüberschreitungen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quarantined</source>
        <translation>Quarantäne</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ticks and bars rejected as impossible, kept in quarantine</source>
        <translation>Als unmöglich abgelehnte Ticks und Kerzen, in Quarantäne aufbewahrt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flagged</source>
        <translation>Markiert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Suspicious ticks kept in the bars and flagged (spikes, late ticks)</source>
        <translation>Verdächtige Ticks, in den Kerzen behalten und markiert (Ausreißer, verspätete Ticks)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Circuit</source>
        <translation>Schutzschalter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Circuit breakers: the stream&apos;s (WS) / REST&apos;s</source>
        <translation>Schutzschalter: Stream (WS) / REST</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Messages per second</source>
        <translation>Nachrichten pro Sekunde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reconnects (total)</source>
        <translation>Neuverbindungen (gesamt)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rate-limit waits (total)</source>
        <translation>Wartezeiten durch Ratenlimits (gesamt)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quarantined (total)</source>
        <translation>Quarantäne (gesamt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Circuit breakers</source>
        <translation>Schutzschalter</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Last 10 minutes, one sample per second; times are local.</source>
        <translation>Letzte 10 Minuten, ein Messwert pro Sekunde; Ortszeit.</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+101"/>
        <location line="+126"/>
        <location line="+9"/>
        <location line="+7"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>%1 WS</source>
        <translation>%1 WS</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 REST</source>
        <translation>%1 REST</translation>
    </message>
</context>
<context>
    <name>wick::IndicatorPicker</name>
    <message>
        <location filename="../ui/chart/IndicatorPicker.cpp" line="+23"/>
        <source>Indicators</source>
        <translation>Indikatoren</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+52"/>
        <location line="+34"/>
        <source>%1 is on the chart already.</source>
        <translation>%1 ist bereits im Chart.</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>No parameters.</source>
        <translation>Keine Parameter.</translation>
    </message>
</context>
<context>
    <name>wick::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="+70"/>
        <source>Watchlist</source>
        <translation>Beobachtungsliste</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import Bars from CSV…</source>
        <translation>Kerzen aus CSV &amp;importieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export Chart to CSV…</source>
        <translation>Chart als CSV &amp;exportieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Indicators…</source>
        <translation>&amp;Indikatoren…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Watchlist</source>
        <translation>&amp;Beobachtungsliste</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Find Symbol…</source>
        <translation>Symbol &amp;suchen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Data &amp;Health…</source>
        <translation>Daten&amp;qualität…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Wick</source>
        <translation>Ü&amp;ber Wick</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+395"/>
        <source>No feed</source>
        <translation>Kein Feed</translation>
    </message>
    <message numerus="yes">
        <location line="-394"/>
        <location line="+439"/>
        <source>%Ln ticks/s</source>
        <translation>
            <numerusform>%Ln Tick/s</numerusform>
            <numerusform>%Ln Ticks/s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-438"/>
        <location line="+440"/>
        <source>%1 ticks</source>
        <translation>
            <numerusform>%1 Tick</numerusform>
            <numerusform>%1 Ticks</numerusform>
        </translation>
    </message>
    <message>
        <location line="-321"/>
        <source>History not saved: %1 bars kept in memory, retrying</source>
        <translation>Historie nicht gespeichert: %1 Kerzen im Speicher, neuer Versuch läuft</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The history cache %1 was damaged. It was moved to %2 and a new, empty cache was started; charts fill again from the feeds.</source>
        <translation>Der Historien-Cache %1 war beschädigt. Er wurde nach %2 verschoben und ein neuer, leerer Cache angelegt; die Charts füllen sich wieder aus den Feeds.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>History cache replaced</source>
        <translation>Historien-Cache ersetzt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Damaged cache moved to %1</source>
        <translation>Beschädigter Cache nach %1 verschoben</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+25"/>
        <location line="+14"/>
        <source>Import Bars from CSV</source>
        <translation>Kerzen aus CSV importieren</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Header ts,open,high,low,close,volume; ts in unix seconds, unix milliseconds or ISO-8601 UTC. Every row is checked; rejected rows are listed with their line numbers.</source>
        <translation>Kopfzeile ts,open,high,low,close,volume; ts in Unix-Sekunden, Unix-Millisekunden oder ISO-8601 UTC. Jede Zeile wird geprüft; abgelehnte Zeilen werden mit ihrer Zeilennummer aufgeführt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Symbol</source>
        <translation>Symbol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeframe</source>
        <translation>Zeiteinheit</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Choose a file and name the symbol as source:CODE, for example csv:MYDATA.</source>
        <translation>Wählen Sie eine Datei und benennen Sie das Symbol als Quelle:CODE, zum Beispiel csv:MYDATA.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Importing %1…</source>
        <translation>%1 wird importiert…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import failed</source>
        <translation>Import fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 bars of %2 (%3) were imported from %4.</source>
        <translation>%1 Kerzen von %2 (%3) wurden aus %4 importiert.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n rows were rejected:</source>
        <translation>
            <numerusform>%n Zeile wurde abgelehnt:</numerusform>
            <numerusform>%n Zeilen wurden abgelehnt:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Charts are built from 1-minute bars: these %1 bars are kept in the cache (wick-cli export reads them) but are not charted.</source>
        <translation>Charts werden aus 1-Minuten-Kerzen gebildet: Diese %1-Kerzen bleiben im Cache (wick-cli export liest sie), werden aber nicht gezeichnet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import finished</source>
        <translation>Import abgeschlossen</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+9"/>
        <source>Export Chart to CSV</source>
        <translation>Chart als CSV exportieren</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>The chart has no closed bars to export yet.</source>
        <translation>Der Chart hat noch keine abgeschlossenen Kerzen zum Exportieren.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Exporting to %1…</source>
        <translation>Export nach %1…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 closed bars written to %2.</source>
        <translation>%1 abgeschlossene Kerzen nach %2 geschrieben.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Simulated</source>
        <translation>Simuliert</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connecting</source>
        <translation>Verbinde</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reconnecting</source>
        <translation>Neuverbindung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Circuit open</source>
        <translation>Schutzschalter offen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>simulated data</source>
        <translation>simulierte Daten</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Last trade %1 %2</source>
        <translation>Letzter Handel %1 %2</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Wick</source>
        <translation>Wick</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 · %2 — %3 — Wick</source>
        <translation>%1 · %2 — %3 — Wick</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>About Wick</source>
        <translation>Über Wick</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;Wick %1&lt;/h3&gt;&lt;p&gt;A native desktop market terminal.&lt;/p&gt;&lt;p&gt;Data from the &lt;b&gt;DEMO&lt;/b&gt; source is simulated: its prices, volumes and trades are generated and do not reflect any real market.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Wick %1&lt;/h3&gt;&lt;p&gt;Ein natives Desktop-Marktterminal.&lt;/p&gt;&lt;p&gt;Daten der Quelle &lt;b&gt;DEMO&lt;/b&gt; sind simuliert: Kurse, Volumen und Trades werden erzeugt und spiegeln keinen realen Markt wider.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>wick::QualityMarks</name>
    <message>
        <location filename="../ui/chart/QualityMarks.cpp" line="+224"/>
        <source>quarantined: %1</source>
        <translation>Quarantäne: %1</translation>
    </message>
</context>
<context>
    <name>wick::QualityOverlay</name>
    <message>
        <location filename="../ui/chart/QualityOverlay.cpp" line="+124"/>
        <source>gap %1</source>
        <translation>Lücke %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 gaps</source>
        <translation>%1 Lücken</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>Gap of %1 in the data (not backfilled)
no bars from %2 to %3</source>
        <translation>Datenlücke von %1 (nicht nachgeladen)
keine Kerzen von %2 bis %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 gaps in the data (not backfilled), %2 missing in all
between %3 and %4 — zoom in to see each</source>
        <translation>%1 Datenlücken (nicht nachgeladen), insgesamt %2 fehlend
zwischen %3 und %4 — zum Einzelnen hineinzoomen</translation>
    </message>
</context>
<context>
    <name>wick::SymbolSearch</name>
    <message>
        <location filename="../ui/search/SymbolSearch.cpp" line="+41"/>
        <source>Find a symbol: BTC, ETH/USDT, binance:SOL…</source>
        <translation>Symbol suchen: BTC, ETH/USDT, binance:SOL…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>↑↓ move · Enter adds to the watchlist · Esc closes</source>
        <translation>↑↓ bewegen · Enter fügt zur Beobachtungsliste hinzu · Esc schließt</translation>
    </message>
    <message>
        <location line="+163"/>
        <source>%1 symbols</source>
        <translation>%1 Symbole</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>first %1 of %2 matches</source>
        <translation>erste %1 von %2 Treffern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 match</source>
        <translation>1 Treffer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 matches</source>
        <translation>%1 Treffer</translation>
    </message>
</context>
<context>
    <name>wick::SymbolSearchModel</name>
    <message>
        <location filename="../ui/search/SymbolSearchModel.cpp" line="+225"/>
        <source>%1 symbols are loading…</source>
        <translation>%1-Symbole werden geladen…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No symbol matches &apos;%1&apos;</source>
        <translation>Kein Symbol passt zu &apos;%1&apos;</translation>
    </message>
</context>
<context>
    <name>wick::WatchlistModel</name>
    <message>
        <location filename="../ui/watchlist/WatchlistModel.cpp" line="+169"/>
        <source>Symbol</source>
        <translation>Symbol</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last</source>
        <translation>Letzter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chg %</source>
        <translation>Änd. %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Volume</source>
        <translation>Vol.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Feed</source>
        <translation>Feed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quality</source>
        <translation>Qualität</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not running</source>
        <translation>Läuft nicht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connecting</source>
        <translation>Verbinde</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reconnecting</source>
        <translation>Neuverbindung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The %1 feed is not running.</source>
        <translation>Der Feed %1 läuft nicht.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 feed: %2</source>
        <translation>Feed %1: %2</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Simulated demo data: not validated, no quality score.</source>
        <translation>Simulierte Demodaten: nicht validiert, keine Qualitätsbewertung.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No data validated yet.</source>
        <translation>Noch keine Daten validiert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 % of the recent checks passed (prices, volumes, timestamps, duplicates, spikes, OHLC).</source>
        <translation>%1 % der letzten Prüfungen bestanden (Kurse, Volumen, Zeitstempel, Duplikate, Ausreißer, OHLC).</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Crypto</source>
        <translation>Krypto</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Equity</source>
        <translation>Aktie</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Index</source>
        <translation>Index</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Forex</source>
        <translation>Devisen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Future</source>
        <translation>Future</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>24/7</source>
        <translation>24/7</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1–%2 local, Mon–Fri</source>
        <translation>%1–%2 Ortszeit, Mo–Fr</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Source: %1</source>
        <translation>Quelle: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exchange zone: %1</source>
        <translation>Börsenzeitzone: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session: %1</source>
        <translation>Handelszeit: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Simulated demo data — not real market prices.</source>
        <translation>Simulierte Demodaten – keine echten Marktpreise.</translation>
    </message>
</context>
<context>
    <name>wick::WatchlistView</name>
    <message>
        <location filename="../ui/watchlist/WatchlistView.cpp" line="+37"/>
        <source>Watchlist</source>
        <translation>Beobachtungsliste</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+117"/>
        <source>Add symbol</source>
        <translation>Symbol hinzufügen</translation>
    </message>
    <message>
        <location line="-71"/>
        <source>Remove from watchlist</source>
        <translation>Aus der Beobachtungsliste entfernen</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Find symbol…</source>
        <translation>Symbol suchen…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Every symbol is already listed</source>
        <translation>Alle Symbole sind bereits aufgeführt</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Remove %1</source>
        <translation>%1 entfernen</translation>
    </message>
</context>
</TS>
