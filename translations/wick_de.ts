<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="+48"/>
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
</context>
<context>
    <name>wick::ChartView</name>
    <message>
        <location filename="../ui/chart/ChartView.cpp" line="+98"/>
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
        <location line="+492"/>
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
        <location line="+14"/>
        <source>Vol</source>
        <translation>Vol</translation>
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
        <location filename="../ui/MainWindow.cpp" line="+65"/>
        <source>Watchlist</source>
        <translation>Beobachtungsliste</translation>
    </message>
    <message>
        <location line="+50"/>
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
        <source>No feed</source>
        <translation>Kein Feed</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location line="+369"/>
        <source>%Ln ticks/s</source>
        <translation>
            <numerusform>%Ln Tick/s</numerusform>
            <numerusform>%Ln Ticks/s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-368"/>
        <location line="+370"/>
        <source>%1 ticks</source>
        <translation>
            <numerusform>%1 Tick</numerusform>
            <numerusform>%1 Ticks</numerusform>
        </translation>
    </message>
    <message>
        <location line="-251"/>
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
        <location line="+60"/>
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
        <location line="+9"/>
        <source>simulated data</source>
        <translation>simulierte Daten</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Last trade %1 %2</source>
        <translation>Letzter Handel %1 %2</translation>
    </message>
    <message>
        <location line="+70"/>
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
    <name>wick::WatchlistModel</name>
    <message>
        <location filename="../ui/watchlist/WatchlistModel.cpp" line="+147"/>
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
        <location line="+11"/>
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
        <location filename="../ui/watchlist/WatchlistView.cpp" line="+36"/>
        <source>Watchlist</source>
        <translation>Beobachtungsliste</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+113"/>
        <source>Add symbol</source>
        <translation>Symbol hinzufügen</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>Remove from watchlist</source>
        <translation>Aus der Beobachtungsliste entfernen</translation>
    </message>
    <message>
        <location line="+62"/>
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
