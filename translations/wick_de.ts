<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <location filename="../ui/chart/ChartExport.cpp" line="+128"/>
        <source>The chart shows no bars to export.</source>
        <translation>Der Chart zeigt keine Kerzen zum Exportieren.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+25"/>
        <source>Export Chart Image</source>
        <translation>Chart als Bild exportieren</translation>
    </message>
    <message>
        <location line="-19"/>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Width</source>
        <translation>Breite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Height</source>
        <translation>Höhe</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot write %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Chart image %1x%2 written to %3.</source>
        <translation>Chartbild %1×%2 nach %3 geschrieben.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export Visible Bars to CSV</source>
        <translation>Sichtbare Kerzen als CSV exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 visible bars with indicators written to %2.</source>
        <translation>%1 sichtbare Kerzen mit Indikatoren nach %2 geschrieben.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="+70"/>
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
    <message>
        <location line="+4"/>
        <source>Draw the chart as &lt;type&gt;: candles, hollow, bars, line, area, baseline, heikin-ashi.</source>
        <translation>Den Chart als &lt;type&gt; zeichnen: candles, hollow, bars, line, area, baseline, heikin-ashi (Kerzen, hohle Kerzen, Balken, Linie, Fläche, Basislinie, Heikin-Ashi).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Price scale &lt;mode&gt;: linear, log, percent.</source>
        <translation>Preisskala &lt;mode&gt;: linear, log, percent (linear, logarithmisch, Prozent).</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 REST base URL (default: settings sources/%2/restUrl, then WICK_%3_REST_URL).</source>
        <translation>Basis-URL der %1-REST-API (Standard: Einstellung sources/%2/restUrl, dann WICK_%3_REST_URL).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 WebSocket base URL (default: settings sources/%2/wsUrl, then WICK_%3_WS_URL).</source>
        <translation>Basis-URL des %1-WebSockets (Standard: Einstellung sources/%2/wsUrl, dann WICK_%3_WS_URL).</translation>
    </message>
</context>
<context>
    <name>wick::AlertEditorDialog</name>
    <message>
        <location filename="../ui/alerts/AlertEditorDialog.cpp" line="+29"/>
        <source>New alert</source>
        <translation>Neuer Alarm</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit alert %1</source>
        <translation>Alarm %1 bearbeiten</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Symbol</source>
        <translation>Symbol</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Timeframe</source>
        <translation>Zeiteinheit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>close crosses_above SMA:20, RSI:14 &lt; 30 AND volume_spike 3 20</source>
        <translation>close crosses_above SMA:20, RSI:14 &lt; 30 AND volume_spike 3 20</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Condition</source>
        <translation>Bedingung</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Trigger</source>
        <translation>Auslöser</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cooldown</source>
        <translation>Sperrzeit</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>expires</source>
        <translation>läuft ab</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Expiry</source>
        <translation>Ablauf</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no limit</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Max fires</source>
        <translation>Max. Auslösungen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>re-arm past the level by</source>
        <translation>erneut scharf schalten, wenn die Schwelle überschritten ist um</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Hysteresis</source>
        <translation>Hysterese</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>beep when it fires</source>
        <translation>Signalton beim Auslösen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sound</source>
        <translation>Ton</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Body</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Fires the first time the condition holds, on a forming or a closed bar, then stays off until you re-arm it.</source>
        <translation>Löst aus, sobald die Bedingung zum ersten Mal erfüllt ist, auf einer entstehenden oder einer abgeschlossenen Kerze, und bleibt dann aus, bis Sie ihn wieder scharf schalten.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checked on every update of the forming bar and at each close; fires at most once per bar.</source>
        <translation>Wird bei jeder Aktualisierung der entstehenden Kerze und bei jedem Schluss geprüft; löst höchstens einmal pro Kerze aus.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checked only when a bar closes: a cross that reverts before the close never fires.</source>
        <translation>Wird nur beim Schluss einer Kerze geprüft: Ein Kreuzen, das sich vor dem Schluss umkehrt, löst nie aus.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Write a condition, e.g. close crosses_above 101.50</source>
        <translation>Geben Sie eine Bedingung ein, z. B. close crosses_above 101.50</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✓ valid</source>
        <translation>✓ gültig</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>no condition</source>
        <translation>keine Bedingung</translation>
    </message>
</context>
<context>
    <name>wick::AlertNotifications</name>
    <message>
        <location filename="../ui/alerts/AlertNotifications.cpp" line="+62"/>
        <source>%1 vs %2 at the %3 UTC bar</source>
        <translation>%1 gegenüber %2 auf der Kerze von %3 UTC</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, close %1</source>
        <translation>, Schluss %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (forming bar)</source>
        <translation> (entstehende Kerze)</translation>
    </message>
</context>
<context>
    <name>wick::AlertNotifier</name>
    <message>
        <location filename="../ui/alerts/AlertNotifier.cpp" line="+34"/>
        <source>Open chart</source>
        <translation>Chart öffnen</translation>
    </message>
</context>
<context>
    <name>wick::AlertsController</name>
    <message numerus="yes">
        <location filename="../ui/alerts/AlertsController.cpp" line="+58"/>
        <source>%n alert(s) fired while Wick was closed: see Alerts &gt; Log</source>
        <translation>
            <numerusform>%n Alarm wurde ausgelöst, während Wick geschlossen war: siehe Alarme &gt; Protokoll</numerusform>
            <numerusform>%n Alarme wurden ausgelöst, während Wick geschlossen war: siehe Alarme &gt; Protokoll</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wick::AlertsDock</name>
    <message>
        <location filename="../ui/alerts/AlertsDock.cpp" line="+54"/>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>fired, disarmed</source>
        <translation>ausgelöst, entschärft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>armed</source>
        <translation>scharf</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Alerts</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>On</source>
        <translation>Ein</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+51"/>
        <source>Symbol</source>
        <translation>Symbol</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>TF</source>
        <translation>ZE</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+51"/>
        <source>Condition</source>
        <translation>Bedingung</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>Trigger</source>
        <translation>Auslöser</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fires</source>
        <translation>Auslösungen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>More</source>
        <translation>Mehr</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scanner…</source>
        <translation>Scanner…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import rules…</source>
        <translation>Regeln importieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import alert rules</source>
        <translation>Alarmregeln importieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+6"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Export rules…</source>
        <translation>Regeln exportieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export alert rules</source>
        <translation>Alarmregeln exportieren</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rules</source>
        <translation>Regeln</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Values</source>
        <translation>Werte</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Acknowledge</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+120"/>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>, close %1</source>
        <translation>, Schluss %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>bar %1</source>
        <translation>Kerze %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>missed while offline</source>
        <translation>verpasst, während offline</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>intrabar</source>
        <translation>innerhalb der Kerze</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>acknowledged</source>
        <translation>bestätigt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Log (%1)</source>
        <translation>Protokoll (%1)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Saved alert: %1 on %2</source>
        <translation>Alarm gespeichert: %1 auf %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alert not saved: %1</source>
        <translation>Alarm nicht gespeichert: %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Not duplicated: %1</source>
        <translation>Nicht dupliziert: %1</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>not JSON: %1 at offset %2</source>
        <translation>kein JSON: %1 an Position %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not a JSON array of rules</source>
        <translation>kein JSON-Array von Regeln</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>rule %1: %2</source>
        <translation>Regel %1: %2</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Exported %1 rule(s) to %2</source>
        <translation>%1 Regel(n) nach %2 exportiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Imported %1 rule(s) from %2</source>
        <translation>%1 Regel(n) aus %2 importiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Imported %1 rule(s) from %2; %3</source>
        <translation>%1 Regel(n) aus %2 importiert; %3</translation>
    </message>
</context>
<context>
    <name>wick::ApiKeysDialog</name>
    <message>
        <location filename="../ui/settings/ApiKeysDialog.cpp" line="+18"/>
        <source>API Keys</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keys are kept in the operating system&apos;s keychain, never in settings files, the cache or the log.</source>
        <translation>Schlüssel werden im Schlüsselbund des Betriebssystems aufbewahrt, nie in Einstellungsdateien, im Cache oder im Protokoll.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Secret</source>
        <translation>Geheimnis</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use for This Session Only</source>
        <translation>Nur für diese Sitzung verwenden</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Removing…</source>
        <translation>Wird entfernt…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>In use for this session only: nothing was stored, the next start asks again.</source>
        <translation>Nur in dieser Sitzung in Gebrauch: Nichts wurde gespeichert, beim nächsten Start wird erneut gefragt.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Enter the key and the secret.</source>
        <translation>Schlüssel und Geheimnis eingeben.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enter the key.</source>
        <translation>Schlüssel eingeben.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Saving to the keychain…</source>
        <translation>Wird im Schlüsselbund gespeichert…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Stored in the OS keychain and in use.</source>
        <translation>Im Schlüsselbund des Systems gespeichert und in Gebrauch.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No keychain service answers (%1). Wick stores keys nowhere else; you can use this key for this session only.</source>
        <translation>Kein Schlüsselbund-Dienst antwortet (%1). Wick speichert Schlüssel nirgendwo sonst; Sie können diesen Schlüssel nur für diese Sitzung verwenden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The keychain refused the key: %1</source>
        <translation>Der Schlüsselbund hat den Schlüssel abgelehnt: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Removed: the source asks nothing until it has a key.</source>
        <translation>Entfernt: Die Quelle fragt nichts an, bis sie einen Schlüssel hat.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Taken from the source, but the keychain could not remove it: %1</source>
        <translation>Der Quelle entzogen, aber der Schlüsselbund konnte ihn nicht entfernen: %1</translation>
    </message>
</context>
<context>
    <name>wick::AppController</name>
    <message>
        <location filename="../ui/AppController.cpp" line="+239"/>
        <source>Spot</source>
        <translation>Spot</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="-93"/>
        <source>%1, simulated</source>
        <translation>%1, simuliert</translation>
    </message>
</context>
<context>
    <name>wick::ChartCrosshair</name>
    <message>
        <location filename="../ui/chart/ChartCrosshair.cpp" line="+202"/>
        <source>Magnet</source>
        <translation>Magnet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Crosshair magnet: snap to the bar&apos;s open, high, low or close</source>
        <translation>Fadenkreuz-Magnet: am Eröffnungs-, Hoch-, Tief- oder Schlusskurs der Kerze einrasten</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weak (snap when near)</source>
        <translation>Schwach (in der Nähe einrasten)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Strong (always snap)</source>
        <translation>Stark (immer einrasten)</translation>
    </message>
</context>
<context>
    <name>wick::ChartScales</name>
    <message>
        <location filename="../ui/chart/ChartScales.cpp" line="+262"/>
        <source>Auto (fit the visible bars)</source>
        <translation>Automatisch (an die sichtbaren Kerzen anpassen)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Regular</source>
        <translation>Linear</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logarithmic</source>
        <translation>Logarithmisch</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Percent</source>
        <translation>Prozent</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Invert scale</source>
        <translation>Skala umkehren</translation>
    </message>
</context>
<context>
    <name>wick::ChartStyle</name>
    <message>
        <location filename="../ui/chart/ChartStyle.cpp" line="+41"/>
        <source>Candles</source>
        <translation>Kerzen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hollow candles</source>
        <translation>Hohle Kerzen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bars</source>
        <translation>Balken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Line</source>
        <translation>Linie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Area</source>
        <translation>Fläche</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Baseline</source>
        <translation>Basislinie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Heikin-Ashi</source>
        <translation>Heikin-Ashi</translation>
    </message>
</context>
<context>
    <name>wick::ChartTimeZone</name>
    <message>
        <location filename="../ui/chart/ChartTimeZone.cpp" line="+80"/>
        <source>Exchange (%1)</source>
        <translation>Börse (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Local (%1)</source>
        <translation>Lokal (%1)</translation>
    </message>
</context>
<context>
    <name>wick::ChartView</name>
    <message>
        <location filename="../ui/chart/ChartView.cpp" line="+101"/>
        <source>Add alert at %1</source>
        <translation>Alarm bei %1 hinzufügen</translation>
    </message>
    <message>
        <location line="+40"/>
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
        <location line="+632"/>
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
    <message>
        <location filename="../ui/chart/ChartViewNavigation.cpp" line="+50"/>
        <source>Go to Date</source>
        <translation>Gehe zu Datum</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Date and time (%1)</source>
        <translation>Datum und Uhrzeit (%1)</translation>
    </message>
    <message>
        <location filename="../ui/chart/ChartViewState.cpp" line="+132"/>
        <source>Set baseline at %1</source>
        <translation>Basislinie auf %1 setzen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reset baseline to the first visible close</source>
        <translation>Basislinie auf den ersten sichtbaren Schlusskurs zurücksetzen</translation>
    </message>
    <message>
        <location filename="../ui/chart/ChartViewStyle.cpp" line="+26"/>
        <source>Chart type</source>
        <translation>Chartart</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+101"/>
        <source>Scale</source>
        <translation>Skala</translation>
    </message>
    <message>
        <location line="-100"/>
        <source>Price scale: auto, logarithmic, percent, inverted</source>
        <translation>Preisskala: automatisch, logarithmisch, Prozent, umgekehrt</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Live ⇥</source>
        <translation>Live ⇥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scroll to the newest bar and follow it</source>
        <translation>Zur neuesten Kerze scrollen und ihr folgen</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Log</source>
        <translation>Log</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manual</source>
        <translation>Manuell</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Inverted</source>
        <translation>Umgekehrt</translation>
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
        <location line="+1"/>
        <source>Request weight used in the current minute / the source&apos;s limit; for a source with a daily budget, requests made today / the day&apos;s limit</source>
        <translation>In der laufenden Minute verbrauchtes Anfragegewicht / Limit der Quelle; bei einer Quelle mit Tagesbudget heute gestellte Anfragen / Tageslimit</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location line="+11"/>
        <location line="+7"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>%1 / %2 today</source>
        <translation>%1 / %2 heute</translation>
    </message>
    <message>
        <location line="-28"/>
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
        <location filename="../ui/chart/IndicatorPicker.cpp" line="+41"/>
        <source>Indicators</source>
        <translation>Indikatoren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search indicators (name or title)</source>
        <translation>Indikatoren suchen (Name oder Titel)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+115"/>
        <location line="+34"/>
        <source>%1 is on the chart already.</source>
        <translation>%1 ist bereits im Chart.</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>No parameters.</source>
        <translation>Keine Parameter.</translation>
    </message>
</context>
<context>
    <name>wick::IndicatorStyleDialog</name>
    <message>
        <location filename="../ui/chart/IndicatorStyleDialog.cpp" line="+23"/>
        <source>%1 settings</source>
        <translation>Einstellungen: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Colour of %1</source>
        <translation>Farbe von %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Line width</source>
        <translation>Linienbreite</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Parameters…</source>
        <translation>Parameter…</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>palette</source>
        <translation>Palette</translation>
    </message>
</context>
<context>
    <name>wick::KeyVault</name>
    <message>
        <location filename="../ui/settings/KeyVault.cpp" line="+65"/>
        <source>no Secret Service or KWallet on the D-Bus session bus</source>
        <translation>kein Secret Service und kein KWallet am D-Bus-Sitzungsbus</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>the keychain entry holds no key</source>
        <translation>der Eintrag im Schlüsselbund enthält keinen Schlüssel</translation>
    </message>
</context>
<context>
    <name>wick::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="+78"/>
        <source>Watchlist</source>
        <translation>Beobachtungsliste</translation>
    </message>
    <message>
        <location line="+67"/>
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
        <location line="+5"/>
        <source>Export Chart &amp;Image…</source>
        <translation>Chart als &amp;Bild exportieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export &amp;Visible Bars with Indicators to CSV…</source>
        <translation>&amp;Sichtbare Kerzen mit Indikatoren als CSV exportieren…</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location line="+2"/>
        <source>API &amp;Keys…</source>
        <translation>API-&amp;Schlüssel…</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location line="+375"/>
        <source>No feed</source>
        <translation>Kein Feed</translation>
    </message>
    <message numerus="yes">
        <location line="-374"/>
        <location line="+419"/>
        <source>%Ln ticks/s</source>
        <translation>
            <numerusform>%Ln Tick/s</numerusform>
            <numerusform>%Ln Ticks/s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-418"/>
        <location line="+420"/>
        <source>%1 ticks</source>
        <translation>
            <numerusform>%1 Tick</numerusform>
            <numerusform>%1 Ticks</numerusform>
        </translation>
    </message>
    <message>
        <location line="-291"/>
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
        <location line="+33"/>
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
    <name>wick::PaneLayout</name>
    <message>
        <location filename="../ui/chart/PaneLayout.cpp" line="+454"/>
        <source>Move pane up</source>
        <translation>Bereich nach oben verschieben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move pane down</source>
        <translation>Bereich nach unten verschieben</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Expand pane</source>
        <translation>Bereich aufklappen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Collapse pane</source>
        <translation>Bereich einklappen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close pane</source>
        <translation>Bereich schließen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show volume pane</source>
        <translation>Volumenbereich anzeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset pane heights</source>
        <translation>Bereichshöhen zurücksetzen</translation>
    </message>
</context>
<context>
    <name>wick::PaneLegend</name>
    <message>
        <location filename="../ui/chart/PaneLegend.cpp" line="+64"/>
        <source>hidden</source>
        <translation>ausgeblendet</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Show</source>
        <translation>Einblenden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hide</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add alert on %1…</source>
        <translation>Alarm für %1 hinzufügen…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
</context>
<context>
    <name>wick::PatternMarks</name>
    <message>
        <location filename="../ui/chart/PatternMarks.cpp" line="+186"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2) %3</source>
        <translation>%1 (%2) %3</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>and %n more</source>
        <translation>
            <numerusform>und %n weiteres</numerusform>
            <numerusform>und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bullish pattern</source>
        <translation>Bullisches Muster</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bearish pattern</source>
        <translation>Bärisches Muster</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 bars from %2 — zoom in to see each</source>
        <translation>%1 Kerzen ab %2 — zum Einzelnen hineinzoomen</translation>
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
    <name>wick::ScannerWindow</name>
    <message>
        <location filename="../ui/alerts/ScannerWindow.cpp" line="+64"/>
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a condition, e.g. close &gt; SMA:50 AND RSI:14 &gt; 50</source>
        <translation>eine Bedingung, z. B. close &gt; SMA:50 AND RSI:14 &gt; 50</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+6"/>
        <source>Condition</source>
        <translation>Bedingung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Symbol</source>
        <translation>Symbol</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>True since (UTC)</source>
        <translation>Erfüllt seit (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bars</source>
        <translation>Kerzen</translation>
    </message>
    <message>
        <location line="+180"/>
        <source>%1 of %2 symbols hold on %3 (rescanned as bars close)</source>
        <translation>%1 von %2 Symbolen erfüllen die Bedingung auf %3 (neu geprüft bei jedem Kerzenschluss)</translation>
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
    <name>wick::TimeZoneButton</name>
    <message>
        <location filename="../ui/chart/TimeZoneButton.cpp" line="+29"/>
        <source>Time zone of the time axis, crosshair and legend: %1</source>
        <translation>Zeitzone von Zeitachse, Fadenkreuz und Legende: %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Other time zone…</source>
        <translation>Andere Zeitzone…</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+14"/>
        <source>Chart time zone</source>
        <translation>Zeitzone des Charts</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>IANA time zone (for example Europe/Zurich):</source>
        <translation>IANA-Zeitzone (zum Beispiel Europe/Zurich):</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>“%1” is not a time zone this machine knows. Use an IANA id such as America/New_York or Europe/Zurich.</source>
        <translation>„%1“ ist keine Zeitzone, die dieses System kennt. Verwenden Sie eine IANA-Kennung wie America/New_York oder Europe/Zurich.</translation>
    </message>
</context>
<context>
    <name>wick::WatchlistModel</name>
    <message>
        <location filename="../ui/watchlist/WatchlistModel.cpp" line="+192"/>
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
        <location line="-17"/>
        <source>Volume of the last trade&apos;s day</source>
        <translation>Volumen des Tages des letzten Handels</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Feed: the state of each symbol&apos;s source (a filled dot: live; a ring: connecting, reconnecting, paused or offline); point at a dot for details</source>
        <translation>Feed: der Zustand der Quelle jedes Symbols (gefüllter Punkt: live; Ring: verbindet, Neuverbindung, pausiert oder offline); Details beim Zeigen auf einen Punkt</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Vol</source>
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
        <location line="+23"/>
        <source>Change of the last price, in percent, against a reference that depends on the source:
• Crypto from Binance: the price 24 h ago (rolling 24 h, the open of Binance&apos;s 24 h ticker, as Binance itself shows it); until the first ticker arrives, the previous UTC day&apos;s close.
• Demo (simulated) and stocks, indices, forex and futures: the previous session&apos;s close (for 24/7 symbols the previous UTC day&apos;s, 00:00 UTC); blank until that day&apos;s bars are in the cache.</source>
        <translation>Änderung des letzten Kurses in Prozent gegenüber einem Bezugswert, der von der Quelle abhängt:
• Krypto von Binance: der Kurs vor 24 h (rollierende 24 h, die Eröffnung des 24-h-Tickers von Binance, wie Binance selbst sie zeigt); bis der erste Ticker eintrifft, der Schlusskurs des vorigen UTC-Tages.
• Demo (simuliert) sowie Aktien, Indizes, Devisen und Futures: der Schlusskurs der vorigen Sitzung (bei 24/7-Symbolen der des vorigen UTC-Tages, 00:00 UTC); leer, bis die Kerzen dieses Tages im Cache sind.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Against %1 (%2 ago, the source&apos;s ticker)</source>
        <translation>Gegenüber %1 (vor %2, Ticker der Quelle)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Against %1 (the previous day&apos;s close)</source>
        <translation>Gegenüber %1 (Schlusskurs des Vortags)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No reference yet: the previous day&apos;s close is not in the cache</source>
        <translation>Noch kein Bezugswert: Der Schlusskurs des Vortags ist nicht im Cache</translation>
    </message>
    <message>
        <location line="+31"/>
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
        <location line="+20"/>
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
        <location line="+76"/>
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
        <location filename="../ui/watchlist/WatchlistView.cpp" line="+48"/>
        <source>Watchlist</source>
        <translation>Beobachtungsliste</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+202"/>
        <source>Add symbol</source>
        <translation>Symbol hinzufügen</translation>
    </message>
    <message>
        <location line="-159"/>
        <source>Last</source>
        <translation>Letzter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chg %</source>
        <translation>Änd. %</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Vol</source>
        <translation>Vol.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quality</source>
        <translation>Qualität</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Remove from watchlist</source>
        <translation>Aus der Beobachtungsliste entfernen</translation>
    </message>
    <message>
        <location line="+105"/>
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
        <source>Add alert for %1…</source>
        <translation>Alarm für %1 hinzufügen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove %1</source>
        <translation>%1 entfernen</translation>
    </message>
</context>
</TS>
