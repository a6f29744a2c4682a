<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>graphs::ui</name>
    <message>
        <source>Could not render the chart for %1</source>
        <translation>Das Diagramm für %1 konnte nicht gezeichnet werden</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>graphs::ui::AboutBox</name>
    <message>
        <source>About graphs-studio</source>
        <translation>Über graphs-studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;graphs-studio %1&lt;/h3&gt;&lt;p&gt;Latency, memory and energy estimates of neural networks on hardware.&lt;/p&gt;&lt;p&gt;Counts MACs, FLOPs and bytes moved per node of an ONNX model, partitions it into the kernels a runtime would run, and estimates each on the hardware chosen. Estimates are THEORETICAL until the hardware is calibrated.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;graphs-studio %1&lt;/h3&gt;&lt;p&gt;Schätzungen von Latenz, Speicher und Energie neuronaler Netze auf Hardware.&lt;/p&gt;&lt;p&gt;Zählt MACs, FLOPs und bewegte Bytes je Knoten eines ONNX-Modells, teilt es in die Kernel auf, die eine Laufzeitumgebung ausführen würde, und schätzt jeden auf der gewählten Hardware. Schätzungen sind THEORETISCH, bis die Hardware kalibriert ist.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>graphs::ui::BenchmarkJob</name>
    <message>
        <source>No user registry: set HOME or XDG_DATA_HOME.</source>
        <translation>Keine Benutzer-Registry: HOME oder XDG_DATA_HOME setzen.</translation>
    </message>
    <message>
        <source>Suite &apos;%1&apos; has nothing to measure.</source>
        <translation>Die Suite &apos;%1&apos; enthält nichts zu messen.</translation>
    </message>
    <message>
        <source>Choose the models to measure on %1.</source>
        <translation>Die auf %1 zu messenden Modelle wählen.</translation>
    </message>
</context>
<context>
    <name>graphs::ui::BenchmarkResultsModel</name>
    <message>
        <source>FLOP/s</source>
        <translation>FLOP/s</translation>
    </message>
    <message>
        <source>B/s</source>
        <translation>B/s</translation>
    </message>
    <message>
        <source>Benchmark</source>
        <translation>Benchmark</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Median (ms)</source>
        <translation>Median (ms)</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Stichproben</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Rate</translation>
    </message>
</context>
<context>
    <name>graphs::ui::BenchmarksPage</name>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>A benchmark suite of the registries (benchmarks/definitions/*.yaml)</source>
        <translation>Eine Benchmark-Suite der Registrys (benchmarks/definitions/*.yaml)</translation>
    </message>
    <message>
        <source>native</source>
        <translation>native</translation>
    </message>
    <message>
        <source>onnxruntime</source>
        <translation>onnxruntime</translation>
    </message>
    <message>
        <source>all CPUs</source>
        <translation>alle CPUs</translation>
    </message>
    <message>
        <source>Intra-op threads (all CPUs: one per logical CPU)</source>
        <translation>Intra-Op-Threads (alle CPUs: einer je logischer CPU)</translation>
    </message>
    <message>
        <source>%v / %m</source>
        <translation>%v / %m</translation>
    </message>
    <message>
        <source>Suite:</source>
        <translation>Suite:</translation>
    </message>
    <message>
        <source>Runtime:</source>
        <translation>Laufzeitumgebung:</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>Threads:</translation>
    </message>
    <message>
        <source>Starting %1…</source>
        <translation>%1 wird gestartet…</translation>
    </message>
    <message>
        <source>Cancelling after the benchmark in flight…</source>
        <translation>Abbruch nach dem laufenden Benchmark…</translation>
    </message>
    <message>
        <source>Stopping after the benchmark in flight…</source>
        <translation>Anhalten nach dem laufenden Benchmark…</translation>
    </message>
    <message>
        <source>%1 of %2 done</source>
        <translation>%1 von %2 erledigt</translation>
    </message>
    <message>
        <source>[%1/%2] %3</source>
        <translation>[%1/%2] %3</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>noch %1</translation>
    </message>
    <message>
        <source>Appended to %1</source>
        <translation>An %1 angehängt</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Could not run the suite: %1</source>
        <translation>Die Suite konnte nicht ausgeführt werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled: %1 measurement(s) stored, of a suite of %n benchmark(s).</source>
        <translation>
            <numerusform>Abgebrochen: %1 Messung(en) gespeichert, von einer Suite mit %n Benchmark.</numerusform>
            <numerusform>Abgebrochen: %1 Messung(en) gespeichert, von einer Suite mit %n Benchmarks.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n benchmark(s), %1 measurement(s) stored.</source>
        <translation>
            <numerusform>Fertig: %n Benchmark, %1 Messung(en) gespeichert.</numerusform>
            <numerusform>Fertig: %n Benchmarks, %1 Messung(en) gespeichert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Models…</source>
        <translation>Modelle…</translation>
    </message>
    <message>
        <source>This machine</source>
        <translation>Dieser Rechner</translation>
    </message>
    <message>
        <source>Remote host (SSH)</source>
        <translation>Entfernter Rechner (SSH)</translation>
    </message>
    <message>
        <source>Where the benchmarks run: this machine, or another machine reached over SSH (&apos;graphs benchmark --host&apos;)</source>
        <translation>Wo die Benchmarks laufen: auf diesem Rechner oder auf einem anderen, über SSH erreicht (&apos;graphs benchmark --host&apos;)</translation>
    </message>
    <message>
        <source>user@host</source>
        <translation>benutzer@rechner</translation>
    </message>
    <message>
        <source>USER@HOST, or an alias of ~/.ssh/config. The system ssh runs in batch mode with your keys, agent and known hosts; no password is ever asked for or stored.</source>
        <translation>BENUTZER@RECHNER oder ein Alias aus ~/.ssh/config. Das ssh des Systems läuft im Batch-Modus mit Ihren Schlüsseln, Ihrem Agenten und Ihren bekannten Hosts; nie wird ein Passwort abgefragt oder gespeichert.</translation>
    </message>
    <message>
        <source>graphs-tensorrt-runner on the host</source>
        <translation>graphs-tensorrt-runner auf dem Rechner</translation>
    </message>
    <message>
        <source>The runner program on the host, with its options (e.g. &apos;/opt/graphs/graphs-tensorrt-runner --trtexec /usr/src/tensorrt/bin/trtexec&apos;); empty: graphs-tensorrt-runner on its PATH or in /usr/libexec/graphs</source>
        <translation>Das Runner-Programm auf dem Rechner, mit seinen Optionen (z. B. &apos;/opt/graphs/graphs-tensorrt-runner --trtexec /usr/src/tensorrt/bin/trtexec&apos;); leer: graphs-tensorrt-runner aus seinem PATH oder aus /usr/libexec/graphs</translation>
    </message>
    <message>
        <source>What TensorRT computes in on the host (trtexec --fp16, --int8, --best, …)</source>
        <translation>Worin TensorRT auf dem Rechner rechnet (trtexec --fp16, --int8, --best, …)</translation>
    </message>
    <message>
        <source>Run on:</source>
        <translation>Ausführen auf:</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>Rechner:</translation>
    </message>
    <message>
        <source>Remote runner:</source>
        <translation>Entfernter Runner:</translation>
    </message>
    <message>
        <source>Models:</source>
        <translation>Modelle:</translation>
    </message>
    <message>
        <source>Precision:</source>
        <translation>Präzision:</translation>
    </message>
    <message>
        <source>tensorrt</source>
        <translation>tensorrt</translation>
    </message>
    <message>
        <source>A host measures with TensorRT: graphs-tensorrt-runner drives trtexec there</source>
        <translation>Ein entfernter Rechner misst mit TensorRT: graphs-tensorrt-runner steuert dort trtexec</translation>
    </message>
    <message>
        <source>no models chosen</source>
        <translation>keine Modelle gewählt</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s): %1</source>
        <translation>
            <numerusform>%n Modell: %1</numerusform>
            <numerusform>%n Modelle: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Models to Measure on the Host</source>
        <translation>Auf dem Rechner zu messende Modelle</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX-Modelle (*.onnx)</translation>
    </message>
    <message>
        <source>Give the host to measure on as USER@HOST.</source>
        <translation>Den Rechner, auf dem gemessen wird, als BENUTZER@RECHNER angeben.</translation>
    </message>
    <message>
        <source>Choose the models to measure on the host.</source>
        <translation>Die auf dem Rechner zu messenden Modelle wählen.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung mit %1…</translation>
    </message>
    <message>
        <source>Measured on %1: %2</source>
        <translation>Gemessen auf %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Continued the run of %1: %n model(s) it stored were skipped.</source>
        <translation>
            <numerusform>Lauf vom %1 fortgesetzt: %n dort gespeichertes Modell wurde übersprungen.</numerusform>
            <numerusform>Lauf vom %1 fortgesetzt: %n dort gespeicherte Modelle wurden übersprungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every model is already stored.</source>
        <translation>Jedes Modell ist bereits gespeichert.</translation>
    </message>
    <message>
        <source>Cancelled while connecting to %1.</source>
        <translation>Beim Verbinden mit %1 abgebrochen.</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled: %1 of %n model(s) measured and stored.</source>
        <translation>
            <numerusform>Abgebrochen: %1 von %n Modell gemessen und gespeichert.</numerusform>
            <numerusform>Abgebrochen: %1 von %n Modellen gemessen und gespeichert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %1 of %n model(s) measured and stored.</source>
        <translation>
            <numerusform>Fertig: %1 von %n Modell gemessen und gespeichert.</numerusform>
            <numerusform>Fertig: %1 von %n Modellen gemessen und gespeichert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stored in %1</source>
        <translation>Gespeichert in %1</translation>
    </message>
    <message>
        <source>The run on %1 is incomplete: run it again to measure what is missing (the stored rows are kept).</source>
        <translation>Der Lauf auf %1 ist unvollständig: erneut ausführen, um das Fehlende zu messen (die gespeicherten Zeilen bleiben erhalten).</translation>
    </message>
    <message>
        <source>Could not measure on the host: %1</source>
        <translation>Auf dem Rechner konnte nicht gemessen werden: %1</translation>
    </message>
    <message>
        <source>the host&apos;s name</source>
        <translation>der Name des Rechners</translation>
    </message>
    <message>
        <source>The hardware entry of the registry the rows are stored under (e.g. nvidia-jetson-agx-orin-64gb-gpu), so that calibrating that entry finds them; empty: the host&apos;s name</source>
        <translation>Der Hardware-Eintrag der Registry, unter dem die Zeilen gespeichert werden (z. B. nvidia-jetson-agx-orin-64gb-gpu), damit die Kalibrierung dieses Eintrags sie findet; leer: der Name des Rechners</translation>
    </message>
    <message>
        <source>Store as:</source>
        <translation>Speichern als:</translation>
    </message>
</context>
<context>
    <name>graphs::ui::CalibrationCoefficientModel</name>
    <message>
        <source>run (per call)</source>
        <translation>Lauf (je Aufruf)</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>no cost</source>
        <translation>keine Kosten</translation>
    </message>
    <message>
        <source>Not fitted: the term keeps its prior (1 for compute and memory, 0 otherwise)</source>
        <translation>Nicht angepasst: der Term behält seinen Vorgabewert (1 für Rechnen und Speicher, sonst 0)</translation>
    </message>
    <message>
        <source>%1 = %2</source>
        <translation>%1 = %2</translation>
    </message>
    <message>
        <source>Scale of the seconds the kernel&apos;s FLOPs take at the calibrated peak (prior 1)</source>
        <translation>Faktor auf die Sekunden, die die FLOPs des Kernels bei der kalibrierten Spitzenleistung brauchen (Vorgabe 1)</translation>
    </message>
    <message>
        <source>Scale of the seconds its bytes take at the calibrated bandwidth for its working set (prior 1)</source>
        <translation>Faktor auf die Sekunden, die seine Bytes bei der kalibrierten Bandbreite für seine Arbeitsmenge brauchen (Vorgabe 1)</translation>
    </message>
    <message>
        <source>Fixed cost of each kernel launched, in microseconds</source>
        <translation>Fixkosten jedes gestarteten Kernels, in Mikrosekunden</translation>
    </message>
    <message>
        <source>Nanoseconds per element a GEMM-shaped kernel writes (epilogue and store)</source>
        <translation>Nanosekunden je Element, das ein GEMM-artiger Kernel schreibt (Epilog und Speichern)</translation>
    </message>
    <message>
        <source>Nanoseconds per element of its activation panel (packing)</source>
        <translation>Nanosekunden je Element seines Aktivierungs-Panels (Packen)</translation>
    </message>
    <message>
        <source>Nanoseconds per element of its other operand (packing)</source>
        <translation>Nanosekunden je Element seines anderen Operanden (Packen)</translation>
    </message>
    <message>
        <source>The bandwidth at which the graph&apos;s inputs and outputs are copied on every call</source>
        <translation>Die Bandbreite, mit der Ein- und Ausgaben des Graphen bei jedem Aufruf kopiert werden</translation>
    </message>
    <message>
        <source>Kernels of this class the fit has seen</source>
        <translation>Kernel dieser Klasse, die die Anpassung gesehen hat</translation>
    </message>
    <message>
        <source>FLOPs per kernel of this class the fit has seen: outside this range it extrapolates</source>
        <translation>FLOPs je Kernel dieser Klasse, die die Anpassung gesehen hat: außerhalb dieses Bereichs extrapoliert sie</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Compute (×)</source>
        <translation>Rechnen (×)</translation>
    </message>
    <message>
        <source>Memory (×)</source>
        <translation>Speicher (×)</translation>
    </message>
    <message>
        <source>Per kernel (µs)</source>
        <translation>Je Kernel (µs)</translation>
    </message>
    <message>
        <source>Per output (ns)</source>
        <translation>Je Ausgabe (ns)</translation>
    </message>
    <message>
        <source>Per input (ns)</source>
        <translation>Je Eingabe (ns)</translation>
    </message>
    <message>
        <source>Per weight (ns)</source>
        <translation>Je Gewicht (ns)</translation>
    </message>
    <message>
        <source>Graph I/O (GB/s)</source>
        <translation>Graph-E/A (GB/s)</translation>
    </message>
    <message>
        <source>Kernels</source>
        <translation>Kernel</translation>
    </message>
    <message>
        <source>FLOPs per kernel</source>
        <translation>FLOPs je Kernel</translation>
    </message>
    <message>
        <source>Scale of the framework&apos;s modelled host cost per operator and per synchronisation (eager runtimes; prior 1)</source>
        <translation>Faktor auf die modellierten Host-Kosten des Frameworks je Operator und je Synchronisation (Eager-Laufzeiten; Prior 1)</translation>
    </message>
    <message>
        <source>Host (×)</source>
        <translation>Host (×)</translation>
    </message>
</context>
<context>
    <name>graphs::ui::CalibrationPage</name>
    <message>
        <source>Models folder…</source>
        <translation>Modellordner…</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Anpassen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation>Profil speichern</translation>
    </message>
    <message>
        <source>Fitting %1 and estimating each model with a fit that leaves it out…</source>
        <translation>%1 wird angepasst, jedes Modell mit einer Anpassung geschätzt, die es auslässt…</translation>
    </message>
    <message>
        <source>Could not calibrate %1: %2</source>
        <translation>%1 konnte nicht kalibriert werden: %2</translation>
    </message>
    <message>
        <source>Fitting cancelled; the calibration shown is the previous one.</source>
        <translation>Anpassung abgebrochen; angezeigt wird die vorige Kalibrierung.</translation>
    </message>
    <message>
        <source>Fitting cancelled.</source>
        <translation>Anpassung abgebrochen.</translation>
    </message>
    <message>
        <source>Saved the profile to %1: &apos;graphs analyze&apos; and &apos;graphs validate&apos; now use this calibration.</source>
        <translation>Profil in %1 gespeichert: &apos;graphs analyze&apos; und &apos;graphs validate&apos; verwenden jetzt diese Kalibrierung.</translation>
    </message>
    <message>
        <source>Could not save the profile: %1</source>
        <translation>Das Profil konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>The hardware the measurements were taken on; measured entries come first</source>
        <translation>Die Hardware, auf der gemessen wurde; gemessene Einträge stehen vorn</translation>
    </message>
    <message>
        <source>The runtime measured; measured runtimes come first</source>
        <translation>Die gemessene Laufzeitumgebung; gemessene stehen vorn</translation>
    </message>
    <message>
        <source>The folder holding the ONNX files that the workload rows name</source>
        <translation>Der Ordner mit den ONNX-Dateien, die die Workload-Zeilen nennen</translation>
    </message>
    <message>
        <source>Hardware:</source>
        <translation>Hardware:</translation>
    </message>
    <message>
        <source>Runtime:</source>
        <translation>Laufzeitumgebung:</translation>
    </message>
    <message>
        <source>Precision:</source>
        <translation>Präzision:</translation>
    </message>
    <message>
        <source>T = Σ coefficient · term per kernel; hover a heading for what the term is</source>
        <translation>T = Σ Koeffizient · Term je Kernel; Maus über eine Überschrift zeigt, was der Term ist</translation>
    </message>
    <message>
        <source>Roofs</source>
        <translation>Obergrenzen</translation>
    </message>
    <message>
        <source>Coefficients</source>
        <translation>Koeffizienten</translation>
    </message>
    <message>
        <source>no models folder</source>
        <translation>kein Modellordner</translation>
    </message>
    <message>
        <source>Without a models folder, workload rows (whole models measured by &apos;graphs benchmark&apos;) are skipped</source>
        <translation>Ohne Modellordner werden Workload-Zeilen (ganze Modelle, gemessen mit &apos;graphs benchmark&apos;) übersprungen</translation>
    </message>
    <message>
        <source>Folder of the Measured Models</source>
        <translation>Ordner der gemessenen Modelle</translation>
    </message>
    <message>
        <source>%1 (measured)</source>
        <translation>%1 (gemessen)</translation>
    </message>
    <message>
        <source>Loading the hardware registry…</source>
        <translation>Hardware-Registry wird geladen…</translation>
    </message>
    <message>
        <source>No measurements of %1 × %2 in %3: measure with &apos;graphs benchmark --suite calibration&apos;, or import with &apos;graphs benchmark import&apos;.</source>
        <translation>Keine Messungen von %1 × %2 in %3: mit &apos;graphs benchmark --suite calibration&apos; messen oder mit &apos;graphs benchmark import&apos; importieren.</translation>
    </message>
    <message>
        <source>%1 × %2 (%3)</source>
        <translation>%1 × %2 (%3)</translation>
    </message>
    <message>
        <source>The hardware registry is not loaded yet.</source>
        <translation>Die Hardware-Registry ist noch nicht geladen.</translation>
    </message>
    <message>
        <source>The registry has no hardware with id &apos;%1&apos;.</source>
        <translation>Die Registry hat keine Hardware mit der ID &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>No fusion rules for %1, and no &apos;%2&apos; runtime profile to fall back on.</source>
        <translation>Keine Fusionsregeln für %1 und kein Laufzeitprofil &apos;%2&apos; als Rückfall.</translation>
    </message>
    <message>
        <source>No whole models were measured and no energy either: the fit has no cross-validated bound, and a profile of it would not be applied</source>
        <translation>Weder ganze Modelle noch Energie wurden gemessen: die Anpassung hat keine kreuzvalidierte Schranke, ein Profil daraus würde nicht angewandt</translation>
    </message>
    <message>
        <source>Store the profile in the user registry, where &apos;graphs analyze&apos; finds it</source>
        <translation>Das Profil in der Benutzer-Registry ablegen, wo &apos;graphs analyze&apos; es findet</translation>
    </message>
    <message>
        <source>No calibration yet: choose the measurements above and press Fit.</source>
        <translation>Noch keine Kalibrierung: oben die Messungen wählen und „Anpassen“ drücken.</translation>
    </message>
    <message>
        <source>(choose the models folder for workload rows)</source>
        <translation>(für Workload-Zeilen den Modellordner wählen)</translation>
    </message>
    <message>
        <source>R² of log time &lt;b&gt;%1&lt;/b&gt; · rms relative residual &lt;b&gt;%2&lt;/b&gt; · worst %3 · %4 points (%5 operators, %6 measurements of %7 models)</source>
        <translation>R² der log. Zeit &lt;b&gt;%1&lt;/b&gt; · RMS des relativen Residuums &lt;b&gt;%2&lt;/b&gt; · schlechtestes %3 · %4 Punkte (%5 Operatoren, %6 Messungen von %7 Modellen)</translation>
    </message>
    <message>
        <source>Unseen models: leave-one-model-out MAPE &lt;b&gt;%1&lt;/b&gt;, error bound &lt;b&gt;±%2&lt;/b&gt; (covers %3 of the held-out errors)</source>
        <translation>Ungesehene Modelle: Leave-one-model-out-MAPE &lt;b&gt;%1&lt;/b&gt;, Fehlerschranke &lt;b&gt;±%2&lt;/b&gt; (deckt %3 der Fehler der zurückgehaltenen Modelle ab)</translation>
    </message>
    <message>
        <source>No whole models measured: the latency model has no cross-validated bound and is not applied.</source>
        <translation>Keine ganzen Modelle gemessen: das Latenzmodell hat keine kreuzvalidierte Schranke und wird nicht angewandt.</translation>
    </message>
    <message>
        <source>Energy: %1 pJ/FLOP, %2 pJ/byte, %3 W static (±%4)</source>
        <translation>Energie: %1 pJ/FLOP, %2 pJ/Byte, %3 W statisch (±%4)</translation>
    </message>
    <message>
        <source>There is no chart to export: fit a calibration first.</source>
        <translation>Es gibt kein Diagramm zu exportieren: zuerst eine Kalibrierung anpassen.</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not export the chart.</source>
        <translation>Das Diagramm konnte nicht exportiert werden.</translation>
    </message>
    <message numerus="yes">
        <source>%n results file(s) in %1: Fit to calibrate %2.</source>
        <translation>
            <numerusform>%n Ergebnisdatei in %1: „Anpassen“ kalibriert %2.</numerusform>
            <numerusform>%n Ergebnisdateien in %1: „Anpassen“ kalibriert %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Calibrated %1 × %2 (%3) from %4 measurements in %n file(s).</source>
        <translation>
            <numerusform>%1 × %2 (%3) aus %4 Messungen in %n Datei kalibriert.</numerusform>
            <numerusform>%1 × %2 (%3) aus %4 Messungen in %n Dateien kalibriert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s), the first: %1</source>
        <translation>
            <numerusform>%n Hinweis: %1</numerusform>
            <numerusform>%n Hinweise, der erste: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Export Calibration Chart</source>
        <translation>Kalibrierungsdiagramm exportieren</translation>
    </message>
    <message>
        <source>Export Image…</source>
        <translation>Bild exportieren…</translation>
    </message>
    <message>
        <source>Fitted and held out</source>
        <translation>Angepasst und zurückgehalten</translation>
    </message>
    <message>
        <source>Each training point by class</source>
        <translation>Jeder Trainingspunkt nach Klasse</translation>
    </message>
    <message>
        <source>Which estimates the chart shows: the fit&apos;s and the leave-one-model-out fits&apos; of the models, or the fit&apos;s of every point, coloured by operator class</source>
        <translation>Welche Schätzungen das Diagramm zeigt: die der Anpassung und der Leave-one-model-out-Anpassungen für die Modelle, oder die der Anpassung für jeden Punkt, nach Operatorklasse gefärbt</translation>
    </message>
    <message>
        <source>Points:</source>
        <translation>Punkte:</translation>
    </message>
    <message>
        <source>Transfer check</source>
        <translation>Übertragungsprüfung</translation>
    </message>
    <message>
        <source>Adapting %1 from the calibration of %2: fitting every set of up to three of its models…</source>
        <translation>%1 wird an die Kalibrierung von %2 adaptiert: jede Auswahl von bis zu drei seiner Modelle wird angepasst…</translation>
    </message>
    <message>
        <source>Saved the profile adapted from %1&apos;s to %2: &apos;graphs analyze&apos; and &apos;graphs validate&apos; now use this calibration.</source>
        <translation>Das von %1 adaptierte Profil wurde in %2 gespeichert: &apos;graphs analyze&apos; und &apos;graphs validate&apos; verwenden jetzt diese Kalibrierung.</translation>
    </message>
    <message>
        <source>Few-shot curve</source>
        <translation>Few-Shot-Kurve</translation>
    </message>
</context>
<context>
    <name>graphs::ui::CalibrationRoofsModel</name>
    <message>
        <source>Vector peak</source>
        <translation>Vektor-Spitzenleistung</translation>
    </message>
    <message>
        <source>FLOP/s</source>
        <translation>FLOP/s</translation>
    </message>
    <message>
        <source>Matrix peak</source>
        <translation>Matrix-Spitzenleistung</translation>
    </message>
    <message>
        <source>Bandwidth at %1</source>
        <translation>Bandbreite bei %1</translation>
    </message>
    <message>
        <source>B/s</source>
        <translation>B/s</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>measured</source>
        <translation>gemessen</translation>
    </message>
    <message>
        <source>specification</source>
        <translation>Spezifikation</translation>
    </message>
    <message>
        <source>What the machine achieved as a share of what its specification states</source>
        <translation>Was die Maschine erreicht hat, als Anteil dessen, was ihre Spezifikation angibt</translation>
    </message>
    <message>
        <source>Roof</source>
        <translation>Obergrenze</translation>
    </message>
    <message>
        <source>Calibrated</source>
        <translation>Kalibriert</translation>
    </message>
    <message>
        <source>Specification</source>
        <translation>Spezifikation</translation>
    </message>
    <message>
        <source>Achieved</source>
        <translation>Erreicht</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
</context>
<context>
    <name>graphs::ui::CalibrationRunner</name>
    <message>
        <source>No whole models among the measurements: leave-one-model-out validation needs models measured whole (workload rows) or per subgraph (imported profiles).</source>
        <translation>Keine ganzen Modelle unter den Messungen: die Leave-one-model-out-Validierung braucht ganz gemessene Modelle (Workload-Zeilen) oder je Teilgraph gemessene (importierte Profile).</translation>
    </message>
    <message>
        <source>No measurements of %1 × %2: %3 holds no results CSV. Measure with &apos;graphs benchmark --suite calibration --runtime %2&apos;, or import a profile with &apos;graphs benchmark import&apos;.</source>
        <translation>Keine Messungen von %1 × %2: %3 enthält keine Ergebnis-CSV. Mit &apos;graphs benchmark --suite calibration --runtime %2&apos; messen oder ein Profil mit &apos;graphs benchmark import&apos; importieren.</translation>
    </message>
</context>
<context>
    <name>graphs::ui::CalibrationScatterData</name>
    <message>
        <source>Operators, fitted</source>
        <translation>Operatoren, angepasst</translation>
    </message>
    <message>
        <source>Models, fitted</source>
        <translation>Modelle, angepasst</translation>
    </message>
    <message>
        <source>Models, held out</source>
        <translation>Modelle, zurückgehalten</translation>
    </message>
    <message>
        <source>Measured against estimated, %1 points</source>
        <translation>Gemessen gegen geschätzt, %1 Punkte</translation>
    </message>
    <message>
        <source>Inside its stated bound</source>
        <translation>Innerhalb der angegebenen Schranke</translation>
    </message>
    <message>
        <source>Outside its stated bound</source>
        <translation>Außerhalb der angegebenen Schranke</translation>
    </message>
    <message>
        <source>Each model estimated by a fit that did not see it</source>
        <translation>Jedes Modell geschätzt von einer Anpassung, die es nicht gesehen hat</translation>
    </message>
    <message>
        <source>whole model</source>
        <translation>ganzes Modell</translation>
    </message>
    <message>
        <source>no kernel</source>
        <translation>kein Kernel</translation>
    </message>
    <message>
        <source>Each training point against the fit, by class: %1 points</source>
        <translation>Jeder Trainingspunkt gegen die Anpassung, nach Klasse: %1 Punkte</translation>
    </message>
</context>
<context>
    <name>graphs::ui::CalibrationScatterPlot</name>
    <message>
        <source>Measured time</source>
        <translation>Gemessene Zeit</translation>
    </message>
    <message>
        <source>Estimated time</source>
        <translation>Geschätzte Zeit</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 µs</source>
        <translation>%1 µs</translation>
    </message>
    <message>
        <source>%1 ns</source>
        <translation>%1 ns</translation>
    </message>
    <message>
        <source>±%1% of measured</source>
        <translation>±%1% vom Messwert</translation>
    </message>
    <message>
        <source>estimate = measured</source>
        <translation>Schätzung = Messung</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;measured %2, estimated %3 (%4%5%)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;gemessen %2, geschätzt %3 (%4%5%)</translation>
    </message>
    <message>
        <source>&lt;br&gt;stated bound ±%1%</source>
        <translation>&lt;br&gt;angegebene Schranke ±%1%</translation>
    </message>
</context>
<context>
    <name>graphs::ui::ChartExportDialog</name>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>&amp;Size:</source>
        <translation>&amp;Größe:</translation>
    </message>
    <message>
        <source>A name ending in .svg saves a vector picture (SVG); any other, a PNG.</source>
        <translation>Ein Name auf .svg speichert ein Vektorbild (SVG), jeder andere ein PNG.</translation>
    </message>
    <message>
        <source>PNG images (*.png);;SVG images (*.svg)</source>
        <translation>PNG-Bilder (*.png);;SVG-Bilder (*.svg)</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>SVG-Bilder (*.svg)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
</context>
<context>
    <name>graphs::ui::CloseGuard</name>
    <message>
        <source>Benchmark running</source>
        <translation>Benchmark läuft</translation>
    </message>
    <message>
        <source>A benchmark suite is running. Every benchmark measured so far is stored in the registry.</source>
        <translation>Eine Benchmark-Suite läuft. Jeder bisher gemessene Benchmark ist in der Registry gespeichert.</translation>
    </message>
    <message>
        <source>Close once the benchmark in flight is measured and stored, once the whole suite is done, or now (the benchmark in flight is dropped)?</source>
        <translation>Schließen, sobald der laufende Benchmark gemessen und gespeichert ist, sobald die ganze Suite fertig ist, oder jetzt (der laufende Benchmark wird verworfen)?</translation>
    </message>
    <message>
        <source>Finish This Benchmark, Then Close</source>
        <translation>Diesen Benchmark beenden, dann schließen</translation>
    </message>
    <message>
        <source>Finish the Suite, Then Close</source>
        <translation>Suite beenden, dann schließen</translation>
    </message>
    <message>
        <source>Stop Now</source>
        <translation>Jetzt anhalten</translation>
    </message>
    <message>
        <source>Keep Window Open</source>
        <translation>Fenster offen lassen</translation>
    </message>
</context>
<context>
    <name>graphs::ui::CompareBarChart</name>
    <message>
        <source>Latency per inference (ms)</source>
        <translation>Latenz je Inferenz (ms)</translation>
    </message>
    <message>
        <source>Energy per inference (mJ)</source>
        <translation>Energie je Inferenz (mJ)</translation>
    </message>
    <message>
        <source>%1
batch %2</source>
        <translation>%1
Batch %2</translation>
    </message>
    <message>
        <source>batch %1</source>
        <translation>Batch %1</translation>
    </message>
    <message>
        <source>Energy per inference (mJ): compute, memory, static (dark to light)</source>
        <translation>Energie je Inferenz (mJ): Rechnen, Speicher, statisch (dunkel nach hell)</translation>
    </message>
</context>
<context>
    <name>graphs::ui::CompareChartData</name>
    <message>
        <source>%1 · b%2</source>
        <translation>%1 · b%2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; on &lt;b&gt;%2&lt;/b&gt;&lt;br&gt;batch %3, %4&lt;br&gt;latency %5 ms ±%6% (%7)&lt;br&gt;energy %8 mJ ±%9%</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; auf &lt;b&gt;%2&lt;/b&gt;&lt;br&gt;Batch %3, %4&lt;br&gt;Latenz %5 ms ±%6% (%7)&lt;br&gt;Energie %8 mJ ±%9%</translation>
    </message>
    <message>
        <source>&lt;br&gt;on the Pareto front</source>
        <translation>&lt;br&gt;auf der Pareto-Front</translation>
    </message>
</context>
<context>
    <name>graphs::ui::ComparePage</name>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Add models…</source>
        <translation>Modelle hinzufügen…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Search name, id or vendor</source>
        <translation>Name, ID oder Hersteller suchen</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>Hardware</translation>
    </message>
    <message>
        <source>e.g. 1, 8, 32</source>
        <translation>z. B. 1, 8, 32</translation>
    </message>
    <message>
        <source>Batch sizes, separated by commas or spaces</source>
        <translation>Batchgrößen, durch Kommas oder Leerzeichen getrennt</translation>
    </message>
    <message>
        <source>The runtime profile that decides which operators fuse</source>
        <translation>Das Laufzeitprofil, das bestimmt, welche Operatoren fusionieren</translation>
    </message>
    <message>
        <source>Batch sizes:</source>
        <translation>Batchgrößen:</translation>
    </message>
    <message>
        <source>Precisions:</source>
        <translation>Präzisionen:</translation>
    </message>
    <message>
        <source>Runtime:</source>
        <translation>Laufzeit:</translation>
    </message>
    <message>
        <source>Add Models to Compare</source>
        <translation>Modelle zum Vergleich hinzufügen</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx);;All files (*)</source>
        <translation>ONNX-Modelle (*.onnx);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Latency per inference</source>
        <translation>Latenz je Inferenz</translation>
    </message>
    <message>
        <source>Energy per inference</source>
        <translation>Energie je Inferenz</translation>
    </message>
    <message>
        <source>Bars:</source>
        <translation>Balken:</translation>
    </message>
    <message>
        <source>Filter rows</source>
        <translation>Zeilen filtern</translation>
    </message>
    <message>
        <source>Bar Chart…</source>
        <translation>Balkendiagramm…</translation>
    </message>
    <message>
        <source>Latency vs Energy…</source>
        <translation>Latenz gegen Energie…</translation>
    </message>
    <message>
        <source>%1 (open in the window)</source>
        <translation>%1 (im Fenster geöffnet)</translation>
    </message>
    <message>
        <source>Add a model to compare.</source>
        <translation>Ein Modell zum Vergleichen hinzufügen.</translation>
    </message>
    <message>
        <source>The hardware registry is still loading.</source>
        <translation>Die Hardware-Registry wird noch geladen.</translation>
    </message>
    <message>
        <source>Check at least one hardware entry.</source>
        <translation>Mindestens einen Hardware-Eintrag ankreuzen.</translation>
    </message>
    <message>
        <source>Type the batch sizes as positive whole numbers, such as 1, 8, 32.</source>
        <translation>Die Batchgrößen als positive ganze Zahlen eingeben, etwa 1, 8, 32.</translation>
    </message>
    <message>
        <source>Check at least one precision.</source>
        <translation>Mindestens eine Präzision ankreuzen.</translation>
    </message>
    <message>
        <source>Choose a runtime profile.</source>
        <translation>Ein Laufzeitprofil wählen.</translation>
    </message>
    <message numerus="yes">
        <source>Estimating %n combination(s)…</source>
        <translation>
            <numerusform>Schätzung von %n Kombination…</numerusform>
            <numerusform>Schätzung von %n Kombinationen…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>Cancelled: nothing was compared.</source>
        <translation>Abgebrochen: nichts wurde verglichen.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s); the Pareto front marks, per model and batch, the hardware no other beats on both latency and energy.</source>
        <translation>
            <numerusform>%n Zeile; die Pareto-Front markiert je Modell und Batch die Hardware, die keine andere bei Latenz und Energie zugleich schlägt.</numerusform>
            <numerusform>%n Zeilen; die Pareto-Front markiert je Modell und Batch die Hardware, die keine andere bei Latenz und Energie zugleich schlägt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Left out (the entry lacks the precision): %1</source>
        <translation>Ausgelassen (dem Eintrag fehlt die Präzision): %1</translation>
    </message>
    <message numerus="yes">
        <source>%n checked</source>
        <translation>
            <numerusform>%n angekreuzt</numerusform>
            <numerusform>%n angekreuzt</numerusform>
        </translation>
    </message>
    <message>
        <source>There is nothing to export: run a comparison first.</source>
        <translation>Es gibt nichts zu exportieren: zuerst einen Vergleich ausführen.</translation>
    </message>
    <message>
        <source>There is no chart to export: run a comparison first.</source>
        <translation>Es gibt kein Diagramm zu exportieren: zuerst einen Vergleich ausführen.</translation>
    </message>
    <message>
        <source>Export Comparison as CSV</source>
        <translation>Vergleich als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not export the comparison.</source>
        <translation>Der Vergleich konnte nicht exportiert werden.</translation>
    </message>
    <message>
        <source>Could not export the chart.</source>
        <translation>Das Diagramm konnte nicht exportiert werden.</translation>
    </message>
    <message>
        <source>Export Chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>Energy split per inference</source>
        <translation>Energieaufteilung je Inferenz</translation>
    </message>
    <message>
        <source>Export Image</source>
        <translation>Bild exportieren</translation>
    </message>
</context>
<context>
    <name>graphs::ui::CompareRun</name>
    <message>
        <source>Not calibrated: %1</source>
        <translation>Nicht kalibriert: %1</translation>
    </message>
    <message>
        <source>Calibrated with %1</source>
        <translation>Kalibriert mit %1</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message>
        <source>%1 (batch %2): %3</source>
        <translation>%1 (Batch %2): %3</translation>
    </message>
    <message>
        <source>%1 (batches %2): %3</source>
        <translation>%1 (Batches %2): %3</translation>
    </message>
    <message>
        <source>Comparison failed: %1</source>
        <translation>Vergleich fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>graphs::ui::CompareTableModel</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>%1, ±%2% (%3)</source>
        <translation>%1, ±%2% (%3)</translation>
    </message>
    <message>
        <source>Latency per inference: %1</source>
        <translation>Latenz je Inferenz: %1</translation>
    </message>
    <message>
        <source>Energy per inference: %1</source>
        <translation>Energie je Inferenz: %1</translation>
    </message>
    <message>
        <source>On the Pareto front: no other hardware is both faster and more frugal for this model and batch</source>
        <translation>Auf der Pareto-Front: keine andere Hardware ist für dieses Modell und diesen Batch zugleich schneller und sparsamer</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>Hardware</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>Latenz (ms)</translation>
    </message>
    <message>
        <source>Samples/s</source>
        <translation>Samples/s</translation>
    </message>
    <message>
        <source>Energy (mJ)</source>
        <translation>Energie (mJ)</translation>
    </message>
    <message>
        <source>Bound</source>
        <translation>Begrenzung</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>Pareto</source>
        <translation>Pareto</translation>
    </message>
    <message>
        <source>Memory (MB)</source>
        <translation>Speicher (MB)</translation>
    </message>
    <message>
        <source>Per inference: compute %1 mJ, memory %2 mJ (every level), static %3 mJ</source>
        <translation>Je Inferenz: Rechnen %1 mJ, Speicher %2 mJ (alle Ebenen), statisch %3 mJ</translation>
    </message>
    <message>
        <source>Compute (mJ)</source>
        <translation>Rechnen (mJ)</translation>
    </message>
    <message>
        <source>Memory traffic (mJ)</source>
        <translation>Speicherverkehr (mJ)</translation>
    </message>
    <message>
        <source>Static (mJ)</source>
        <translation>Statisch (mJ)</translation>
    </message>
</context>
<context>
    <name>graphs::ui::Diagram</name>
    <message>
        <source>scalar</source>
        <translation>Skalar</translation>
    </message>
    <message numerus="yes">
        <source>%n nodes</source>
        <translation>
            <numerusform>%n Knoten</numerusform>
            <numerusform>%n Knoten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>graphs::ui::EnergyChartData</name>
    <message>
        <source>Compute</source>
        <translation>Rechnen</translation>
    </message>
    <message>
        <source>Static</source>
        <translation>Statisch</translation>
    </message>
    <message>
        <source>0 mJ</source>
        <translation>0 mJ</translation>
    </message>
    <message>
        <source>%1 J</source>
        <translation>%1 J</translation>
    </message>
    <message>
        <source>%1 µJ</source>
        <translation>%1 µJ</translation>
    </message>
    <message>
        <source>%1 mJ</source>
        <translation>%1 mJ</translation>
    </message>
    <message>
        <source>%1 ±%2% %3</source>
        <translation>%1 ±%2% %3</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 (&apos;%2&apos;)</source>
        <translation>%1 (&apos;%2&apos;)</translation>
    </message>
    <message>
        <source>no kernel</source>
        <translation>kein Kernel</translation>
    </message>
    <message>
        <source>%1-bound</source>
        <translation>%1-begrenzt</translation>
    </message>
    <message>
        <source>%1
%2, %3
%4</source>
        <translation>%1
%2, %3
%4</translation>
    </message>
</context>
<context>
    <name>graphs::ui::EnergyPage</name>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Top </source>
        <translation>Top </translation>
    </message>
    <message>
        <source> subgraphs</source>
        <translation> Teilgraphen</translation>
    </message>
    <message>
        <source>How many of the subgraphs that take the most energy to draw</source>
        <translation>Wie viele der Teilgraphen mit dem höchsten Energiebedarf gezeichnet werden</translation>
    </message>
    <message>
        <source>No estimate yet: choose hardware in the toolbar.</source>
        <translation>Noch keine Schätzung: Hardware in der Werkzeugleiste wählen.</translation>
    </message>
    <message>
        <source>Energy of %1 on %2, %3, batch %4, %5</source>
        <translation>Energie von %1 auf %2, %3, Batch %4, %5</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Per inference %1: compute %2, memory %3 (%4), static %5. All %6 ±%7% (%8).</source>
        <translation>Je Inferenz %1: Rechnen %2, Speicher %3 (%4), statisch %5. Alles %6 ±%7% (%8).</translation>
    </message>
    <message>
        <source>Per inference %1: compute %2, memory %3 (%4), static %5 (%6).</source>
        <translation>Je Inferenz %1: Rechnen %2, Speicher %3 (%4), statisch %5 (%6).</translation>
    </message>
    <message>
        <source>Hover a bar for its figures; click one to select its subgraph on every page.</source>
        <translation>Maus über einen Balken zeigt seine Werte; ein Klick wählt seinen Teilgraphen auf allen Seiten.</translation>
    </message>
    <message>
        <source>Selected: %1</source>
        <translation>Ausgewählt: %1</translation>
    </message>
    <message>
        <source> (rank %1 of %2: not among the bars drawn)</source>
        <translation> (Rang %1 von %2: nicht unter den gezeichneten Balken)</translation>
    </message>
    <message>
        <source> (rank %1 of %2)</source>
        <translation> (Rang %1 von %2)</translation>
    </message>
    <message>
        <source>There is no chart to export: choose hardware first.</source>
        <translation>Es gibt kein Diagramm zu exportieren: zuerst Hardware wählen.</translation>
    </message>
    <message>
        <source>There is no estimate to export: choose hardware first.</source>
        <translation>Es gibt keine Schätzung zu exportieren: zuerst Hardware wählen.</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not export the energy charts.</source>
        <translation>Die Energiediagramme konnten nicht exportiert werden.</translation>
    </message>
    <message>
        <source>Export Energy as CSV</source>
        <translation>Energie als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Could not export the energy per subgraph.</source>
        <translation>Die Energie je Teilgraph konnte nicht exportiert werden.</translation>
    </message>
    <message>
        <source>Export Energy Charts</source>
        <translation>Energiediagramme exportieren</translation>
    </message>
    <message>
        <source>Export Image…</source>
        <translation>Bild exportieren…</translation>
    </message>
</context>
<context>
    <name>graphs::ui::EnergySubgraphChart</name>
    <message>
        <source>Energy per inference (mJ)</source>
        <translation>Energie je Inferenz (mJ)</translation>
    </message>
    <message>
        <source>Top %1 of %2 subgraphs by energy</source>
        <translation>Top %1 von %2 Teilgraphen nach Energie</translation>
    </message>
</context>
<context>
    <name>graphs::ui::EnergyTotalChart</name>
    <message>
        <source>Per inference: %1</source>
        <translation>Je Inferenz: %1</translation>
    </message>
    <message>
        <source>%1 %2 (%3%)</source>
        <translation>%1 %2 (%3%)</translation>
    </message>
</context>
<context>
    <name>graphs::ui::EstimateSummaryBox</name>
    <message>
        <source>Estimate</source>
        <translation>Schätzung</translation>
    </message>
    <message>
        <source>Choose hardware in the toolbar to estimate latency, energy and memory.</source>
        <translation>Hardware in der Werkzeugleiste wählen, um Latenz, Energie und Speicher zu schätzen.</translation>
    </message>
    <message>
        <source>Hardware:</source>
        <translation>Hardware:</translation>
    </message>
    <message>
        <source>Settings:</source>
        <translation>Einstellungen:</translation>
    </message>
    <message>
        <source>Latency:</source>
        <translation>Latenz:</translation>
    </message>
    <message>
        <source>Throughput:</source>
        <translation>Durchsatz:</translation>
    </message>
    <message>
        <source>Energy:</source>
        <translation>Energie:</translation>
    </message>
    <message>
        <source>  compute:</source>
        <translation>  Rechnen:</translation>
    </message>
    <message>
        <source>  memory:</source>
        <translation>  Speicher:</translation>
    </message>
    <message>
        <source>  static:</source>
        <translation>  statisch:</translation>
    </message>
    <message>
        <source>Peak memory:</source>
        <translation>Spitzenspeicher:</translation>
    </message>
    <message>
        <source>Bound by:</source>
        <translation>Begrenzt durch:</translation>
    </message>
    <message>
        <source>%1, batch %2, %3 runtime, %4 subgraphs</source>
        <translation>%1, Batch %2, Laufzeitumgebung %3, %4 Teilgraphen</translation>
    </message>
    <message>
        <source>Operations × energy per operation</source>
        <translation>Operationen × Energie je Operation</translation>
    </message>
    <message>
        <source>Bytes × energy per byte of every memory level they pass through</source>
        <translation>Bytes × Energie je Byte jeder Speicherebene, die sie durchlaufen</translation>
    </message>
    <message>
        <source>Idle power × latency</source>
        <translation>Ruheleistung × Latenz</translation>
    </message>
    <message>
        <source>%1 (weights %2, activations %3)</source>
        <translation>%1 (Gewichte %2, Aktivierungen %3)</translation>
    </message>
    <message>
        <source>The bound that holds the largest share of latency</source>
        <translation>Die Begrenzung mit dem größten Anteil an der Latenz</translation>
    </message>
</context>
<context>
    <name>graphs::ui::ExportActions</name>
    <message>
        <source>&amp;Export Nodes as CSV…</source>
        <translation>Knoten als CSV &amp;exportieren…</translation>
    </message>
    <message>
        <source>Write one row per node with its counts</source>
        <translation>Eine Zeile je Knoten mit seinen Zählwerten schreiben</translation>
    </message>
    <message>
        <source>Export &amp;Subgraphs as CSV…</source>
        <translation>&amp;Teilgraphen als CSV exportieren…</translation>
    </message>
    <message>
        <source>Write one row per subgraph with its estimate</source>
        <translation>Eine Zeile je Teilgraph mit seiner Schätzung schreiben</translation>
    </message>
    <message>
        <source>Save the roofline chart as an image</source>
        <translation>Das Roofline-Diagramm als Bild speichern</translation>
    </message>
    <message>
        <source>Export Re&amp;port…</source>
        <translation>Bericht ex&amp;portieren…</translation>
    </message>
    <message>
        <source>Write the estimate and every chart as a Markdown or HTML report</source>
        <translation>Die Schätzung und alle Diagramme als Markdown- oder HTML-Bericht schreiben</translation>
    </message>
    <message>
        <source>Export Nodes as CSV</source>
        <translation>Knoten als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not export the nodes.</source>
        <translation>Die Knoten konnten nicht exportiert werden.</translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>Markdown (*.md);;HTML (*.html);;All files (*)</source>
        <translation>Markdown (*.md);;HTML (*.html);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Could not export the report.</source>
        <translation>Der Bericht konnte nicht exportiert werden.</translation>
    </message>
    <message>
        <source>There is no estimate to report: open a model and choose hardware.</source>
        <translation>Es gibt keine Schätzung für einen Bericht: ein Modell öffnen und Hardware wählen.</translation>
    </message>
    <message>
        <source>Roofline</source>
        <translation>Roofline</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Energie</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Graph</source>
        <translation>Graph</translation>
    </message>
    <message>
        <source>Export Roo&amp;fline as Image…</source>
        <translation>&amp;Roofline als Bild exportieren…</translation>
    </message>
</context>
<context>
    <name>graphs::ui::FewShotCurveModel</name>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Left-out models whose error lies inside the bound their fit states</source>
        <translation>Ausgelassene Modelle, deren Fehler innerhalb der Schranke liegt, die ihre Anpassung angibt</translation>
    </message>
    <message>
        <source>No model of the device: the calibration carried over from the prior alone</source>
        <translation>Kein Modell des Geräts: allein die vom Prior übertragene Kalibrierung</translation>
    </message>
    <message>
        <source>Pairs of a left-out model and a training set of this many of the others</source>
        <translation>Paare aus einem ausgelassenen Modell und einer Trainingsmenge aus so vielen der anderen</translation>
    </message>
    <message>
        <source>The mean of the bounds those fits state from their own models</source>
        <translation>Der Mittelwert der Schranken, die diese Anpassungen aus ihren eigenen Modellen angeben</translation>
    </message>
    <message>
        <source>The same fits pulled towards the roofline instead of the carried-over calibration</source>
        <translation>Dieselben Anpassungen, zur Roofline statt zur übertragenen Kalibrierung gezogen</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Fälle</translation>
    </message>
    <message>
        <source>MAPE</source>
        <translation>MAPE</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>Median</translation>
    </message>
    <message>
        <source>Worst</source>
        <translation>Schlechtester</translation>
    </message>
    <message>
        <source>Mean bound</source>
        <translation>Mittlere Schranke</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Abdeckung</translation>
    </message>
    <message>
        <source>Roofline: MAPE</source>
        <translation>Roofline: MAPE</translation>
    </message>
    <message>
        <source>Roofline: median</source>
        <translation>Roofline: Median</translation>
    </message>
</context>
<context>
    <name>graphs::ui::FewShotCurvePlot</name>
    <message>
        <source>Models of the device fitted</source>
        <translation>Angepasste Modelle des Geräts</translation>
    </message>
    <message>
        <source>Leave-one-model-out error (%)</source>
        <translation>Leave-one-model-out-Fehler (%)</translation>
    </message>
    <message>
        <source>MAPE, carried-over prior</source>
        <translation>MAPE, übertragener Prior</translation>
    </message>
    <message>
        <source>median, carried-over prior</source>
        <translation>Median, übertragener Prior</translation>
    </message>
    <message>
        <source>MAPE, roofline prior</source>
        <translation>MAPE, Roofline-Prior</translation>
    </message>
    <message>
        <source>median, roofline prior</source>
        <translation>Median, Roofline-Prior</translation>
    </message>
</context>
<context>
    <name>graphs::ui::FewShotErrorsModel</name>
    <message>
        <source>Model left out</source>
        <translation>Ausgelassenes Modell</translation>
    </message>
    <message>
        <source>k = %1</source>
        <translation>k = %1</translation>
    </message>
    <message numerus="yes">
        <source>Mean |error| of the model over the fits on %n of the other models</source>
        <translation>
            <numerusform>Mittlerer |Fehler| des Modells über die Anpassungen an %n der anderen Modelle</numerusform>
            <numerusform>Mittlerer |Fehler| des Modells über die Anpassungen an %n der anderen Modelle</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>graphs::ui::FewShotPanel</name>
    <message>
        <source>Adapt from</source>
        <translation>Adaptieren von</translation>
    </message>
    <message>
        <source>Fit this device&apos;s few measured models towards the calibration of the device chosen beside, carried over, and show the error after 0, 1, 2 and 3 models, as &apos;graphs calibrate --prior-from&apos; does</source>
        <translation>Die wenigen gemessenen Modelle dieses Geräts zur übertragenen Kalibrierung des daneben gewählten Geräts hin anpassen und den Fehler nach 0, 1, 2 und 3 Modellen zeigen, wie &apos;graphs calibrate --prior-from&apos;</translation>
    </message>
    <message>
        <source>Devices of this hardware&apos;s family with a stored profile of the same runtime and precision, the nearest matrix peak first</source>
        <translation>Geräte der Familie dieser Hardware mit einem gespeicherten Profil derselben Laufzeitumgebung und Genauigkeit, die mit der nächstliegenden Matrix-Spitzenleistung zuerst</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>For a device with a few measured models and a device of its family with a stored profile, Adapt from fits its models towards that calibration carried over and shows here how the error falls with each model measured.</source>
        <translation>Für ein Gerät mit wenigen gemessenen Modellen und einem Gerät seiner Familie mit gespeichertem Profil passt „Adaptieren von“ seine Modelle zu dieser übertragenen Kalibrierung hin an und zeigt hier, wie der Fehler mit jedem gemessenen Modell fällt.</translation>
    </message>
    <message numerus="yes">
        <source>%1 × %2 (%3) fitted towards the calibration of %4 (%5), carried over (stated bound ±%6 %). %n model(s) of %1 measured: each left out in turn and estimated by fits on every set of k of the others (k = 0: the carried-over calibration alone), beside the same fits pulled towards the roofline. Save profile stores the adapted fit, which names its prior.</source>
        <translation>
            <numerusform>%1 × %2 (%3) zur übertragenen Kalibrierung von %4 (%5) hin angepasst (angegebene Schranke ±%6 %). %n Modell von %1 gemessen: jedes der Reihe nach ausgelassen und von Anpassungen an jede Auswahl von k der anderen geschätzt (k = 0: allein die übertragene Kalibrierung), neben denselben Anpassungen zur Roofline hin. „Profil speichern“ speichert die adaptierte Anpassung, die ihren Prior nennt.</numerusform>
            <numerusform>%1 × %2 (%3) zur übertragenen Kalibrierung von %4 (%5) hin angepasst (angegebene Schranke ±%6 %). %n Modelle von %1 gemessen: jedes der Reihe nach ausgelassen und von Anpassungen an jede Auswahl von k der anderen geschätzt (k = 0: allein die übertragene Kalibrierung), neben denselben Anpassungen zur Roofline hin. „Profil speichern“ speichert die adaptierte Anpassung, die ihren Prior nennt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>graphs::ui::GenerationLatencyPlot</name>
    <message>
        <source>Latency per token (ms)</source>
        <translation>Latenz je Token (ms)</translation>
    </message>
</context>
<context>
    <name>graphs::ui::GenerationMemoryPlot</name>
    <message>
        <source>Memory (GB)</source>
        <translation>Speicher (GB)</translation>
    </message>
    <message>
        <source>Total (weights + KV cache + activations)</source>
        <translation>Gesamt (Gewichte + KV-Cache + Aktivierungen)</translation>
    </message>
    <message>
        <source>KV cache</source>
        <translation>KV-Cache</translation>
    </message>
    <message>
        <source>%1: %2 GB</source>
        <translation>%1: %2 GB</translation>
    </message>
</context>
<context>
    <name>graphs::ui::GenerationPage</name>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Export Chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>An ONNX decoder with a KV cache</source>
        <translation>Ein ONNX-Decoder mit KV-Cache</translation>
    </message>
    <message>
        <source>A decoder as transformers/optimum export it: input_ids, attention_mask, position_ids and past_key_values.N.key/value</source>
        <translation>Ein Decoder, wie transformers/optimum ihn exportieren: input_ids, attention_mask, position_ids und past_key_values.N.key/value</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Decoder</source>
        <translation>Decoder</translation>
    </message>
    <message>
        <source>Search name, id or vendor</source>
        <translation>Name, ID oder Hersteller suchen</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>Hardware</translation>
    </message>
    <message>
        <source>Tokens of the prompt, processed at once (the prefill): the time to the first token</source>
        <translation>Tokens des Prompts, auf einmal verarbeitet (Prefill): die Zeit bis zum ersten Token</translation>
    </message>
    <message>
        <source>Tokens generated after the prompt, one decode step each, against the growing KV cache</source>
        <translation>Nach dem Prompt erzeugte Tokens, je ein Decode-Schritt gegen den wachsenden KV-Cache</translation>
    </message>
    <message>
        <source>Sequences generated together</source>
        <translation>Gemeinsam erzeugte Sequenzen</translation>
    </message>
    <message>
        <source>Precision of compute, activations and the KV cache</source>
        <translation>Präzision von Rechnen, Aktivierungen und KV-Cache</translation>
    </message>
    <message>
        <source>Weight-only quantisation of the matrix multiplications&apos; weights (groups of 128 with one scale each); compute stays at the precision above</source>
        <translation>Reine Gewichtsquantisierung der Gewichte der Matrixmultiplikationen (Gruppen zu 128 mit je einem Skalenfaktor); gerechnet wird weiter in der Präzision darüber</translation>
    </message>
    <message>
        <source>as precision</source>
        <translation>wie Präzision</translation>
    </message>
    <message>
        <source>The runtime profile that decides which operators fuse</source>
        <translation>Das Laufzeitprofil, das bestimmt, welche Operatoren fusionieren</translation>
    </message>
    <message>
        <source>Prompt tokens:</source>
        <translation>Prompt-Tokens:</translation>
    </message>
    <message>
        <source>Generated tokens:</source>
        <translation>Erzeugte Tokens:</translation>
    </message>
    <message>
        <source>Batch:</source>
        <translation>Batch:</translation>
    </message>
    <message>
        <source>Precision:</source>
        <translation>Präzision:</translation>
    </message>
    <message>
        <source>Weights:</source>
        <translation>Gewichte:</translation>
    </message>
    <message>
        <source>Runtime:</source>
        <translation>Laufzeitumgebung:</translation>
    </message>
    <message>
        <source>Choose a Decoder</source>
        <translation>Decoder wählen</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx);;All files (*)</source>
        <translation>ONNX-Modelle (*.onnx);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Latency per Token…</source>
        <translation>Latenz je Token…</translation>
    </message>
    <message>
        <source>Memory…</source>
        <translation>Speicher…</translation>
    </message>
    <message>
        <source>Choose a decoder.</source>
        <translation>Einen Decoder wählen.</translation>
    </message>
    <message>
        <source>No such file: %1</source>
        <translation>Keine solche Datei: %1</translation>
    </message>
    <message>
        <source>The hardware registry is still loading.</source>
        <translation>Die Hardware-Registry wird noch geladen.</translation>
    </message>
    <message>
        <source>Check at least one hardware entry.</source>
        <translation>Mindestens einen Hardware-Eintrag ankreuzen.</translation>
    </message>
    <message>
        <source>Choose a runtime profile.</source>
        <translation>Ein Laufzeitprofil wählen.</translation>
    </message>
    <message numerus="yes">
        <source>Estimating the prefill and %1 decode steps on %n device(s)…</source>
        <translation>
            <numerusform>Prefill und %1 Decode-Schritte werden auf %n Gerät geschätzt…</numerusform>
            <numerusform>Prefill und %1 Decode-Schritte werden auf %n Geräten geschätzt…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>Cancelled: nothing was estimated.</source>
        <translation>Abgebrochen: nichts wurde geschätzt.</translation>
    </message>
    <message>
        <source>%1: %2 prompt + %3 generated tokens, batch %4, %5; KV cache %6 per token of one sequence (%7 layers × 2 × %8 KV heads × %9).</source>
        <translation>%1: %2 Prompt- + %3 erzeugte Tokens, Batch %4, %5; KV-Cache %6 je Token einer Sequenz (%7 Schichten × 2 × %8 KV-Köpfe × %9).</translation>
    </message>
    <message>
        <source>Does not fit on %1: %2</source>
        <translation>Passt nicht auf %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n checked</source>
        <translation>
            <numerusform>%n angekreuzt</numerusform>
            <numerusform>%n angekreuzt</numerusform>
        </translation>
    </message>
    <message>
        <source>There is nothing to export: run an estimate first.</source>
        <translation>Es gibt nichts zu exportieren: zuerst eine Schätzung ausführen.</translation>
    </message>
    <message>
        <source>There is no chart to export: run an estimate first.</source>
        <translation>Es gibt kein Diagramm zu exportieren: zuerst eine Schätzung ausführen.</translation>
    </message>
    <message>
        <source>Export Generation Estimates as CSV</source>
        <translation>Generierungsschätzungen als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not export the estimates.</source>
        <translation>Die Schätzungen konnten nicht exportiert werden.</translation>
    </message>
    <message>
        <source>Could not export the chart.</source>
        <translation>Das Diagramm konnte nicht exportiert werden.</translation>
    </message>
</context>
<context>
    <name>graphs::ui::GenerationPlots</name>
    <message>
        <source>Context length (tokens)</source>
        <translation>Kontextlänge (Tokens)</translation>
    </message>
</context>
<context>
    <name>graphs::ui::GenerationRun</name>
    <message>
        <source>%1 not calibrated: %2</source>
        <translation>%1 nicht kalibriert: %2</translation>
    </message>
    <message>
        <source>%1 calibrated with %2</source>
        <translation>%1 kalibriert mit %2</translation>
    </message>
</context>
<context>
    <name>graphs::ui::GenerationTableModel</name>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>%1 ±%2%, %3: %4</source>
        <translation>%1 ±%2%, %3: %4</translation>
    </message>
    <message>
        <source>%1 (%2), runtime %3</source>
        <translation>%1 (%2), Laufzeitumgebung %3</translation>
    </message>
    <message numerus="yes">
        <source>The prefill of %n prompt token(s), batch %1: </source>
        <translation>
            <numerusform>Der Prefill von %n Prompt-Token, Batch %1: </numerusform>
            <numerusform>Der Prefill von %n Prompt-Tokens, Batch %1: </numerusform>
        </translation>
    </message>
    <message>
        <source>Decode time / generated tokens: </source>
        <translation>Decode-Zeit / erzeugte Tokens: </translation>
    </message>
    <message>
        <source>Batch × generated tokens / decode time: </source>
        <translation>Batch × erzeugte Tokens / Decode-Zeit: </translation>
    </message>
    <message>
        <source>Decode energy per generated token of one sequence: </source>
        <translation>Decode-Energie je erzeugtem Token einer Sequenz: </translation>
    </message>
    <message>
        <source>At the final context of %1 tokens × batch %2</source>
        <translation>Beim letzten Kontext von %1 Tokens × Batch %2</translation>
    </message>
    <message>
        <source>Weights + KV cache at the final context + the larger activation peak</source>
        <translation>Gewichte + KV-Cache beim letzten Kontext + die größere Aktivierungsspitze</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>Hardware</translation>
    </message>
    <message>
        <source>First token (ms)</source>
        <translation>Erstes Token (ms)</translation>
    </message>
    <message>
        <source>Per token (ms)</source>
        <translation>Je Token (ms)</translation>
    </message>
    <message>
        <source>Tokens/s</source>
        <translation>Tokens/s</translation>
    </message>
    <message>
        <source>Energy/token (mJ)</source>
        <translation>Energie/Token (mJ)</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Gewichte</translation>
    </message>
    <message>
        <source>KV cache</source>
        <translation>KV-Cache</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Kapazität</translation>
    </message>
    <message>
        <source>Fits</source>
        <translation>Passt</translation>
    </message>
</context>
<context>
    <name>graphs::ui::GraphColours</name>
    <message>
        <source>Coloured by operator class: choose hardware in the toolbar for an estimate.</source>
        <translation>Nach Operatorklasse eingefärbt: für eine Schätzung Hardware in der Werkzeugleiste wählen.</translation>
    </message>
    <message>
        <source>One colour per fused subgraph (%1 in all): boxes of one colour run as one kernel.</source>
        <translation>Eine Farbe je fusioniertem Teilgraphen (%1 insgesamt): Kästen einer Farbe laufen als ein Kernel.</translation>
    </message>
    <message>
        <source>no kernel</source>
        <translation>kein Kernel</translation>
    </message>
    <message>
        <source>%1 bound</source>
        <translation>%1-begrenzt</translation>
    </message>
    <message>
        <source>What limits each subgraph on %1.</source>
        <translation>Was jeden Teilgraphen auf %1 begrenzt.</translation>
    </message>
    <message>
        <source>Each subgraph&apos;s share of the model&apos;s latency.</source>
        <translation>Anteil jedes Teilgraphen an der Latenz des Modells.</translation>
    </message>
</context>
<context>
    <name>graphs::ui::GraphPropertiesPanel</name>
    <message>
        <source>%1 FLOP/B</source>
        <translation>%1 FLOP/B</translation>
    </message>
    <message>
        <source>tensor %1</source>
        <translation>Tensor %1</translation>
    </message>
    <message>
        <source>graph</source>
        <translation>Graph</translation>
    </message>
    <message>
        <source>, weight</source>
        <translation>, Gewicht</translation>
    </message>
    <message>
        <source>, constant</source>
        <translation>, Konstante</translation>
    </message>
    <message>
        <source>%1 in all</source>
        <translation>%1 insgesamt</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>%1 ms ±%2 %</source>
        <translation>%1 ms ±%2 %</translation>
    </message>
    <message>
        <source>Share of latency</source>
        <translation>Anteil an der Latenz</translation>
    </message>
    <message>
        <source>Bottleneck</source>
        <translation>Engpass</translation>
    </message>
    <message>
        <source>Compute / memory / overhead</source>
        <translation>Rechnen / Speicher / Overhead</translation>
    </message>
    <message>
        <source>%1 / %2 / %3 ms</source>
        <translation>%1 / %2 / %3 ms</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Energie</translation>
    </message>
    <message>
        <source>%1 mJ</source>
        <translation>%1 mJ</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>Subgraph</source>
        <translation>Teilgraph</translation>
    </message>
    <message>
        <source>Fusion</source>
        <translation>Fusion</translation>
    </message>
    <message>
        <source>Nodes (%1)</source>
        <translation>Knoten (%1)</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>MACs</translation>
    </message>
    <message>
        <source>FLOPs</source>
        <translation>FLOPs</translation>
    </message>
    <message>
        <source>Bytes read</source>
        <translation>Gelesene Bytes</translation>
    </message>
    <message>
        <source>%1 (weights %2)</source>
        <translation>%1 (Gewichte %2)</translation>
    </message>
    <message>
        <source>Bytes written</source>
        <translation>Geschriebene Bytes</translation>
    </message>
    <message>
        <source>Arithmetic intensity</source>
        <translation>Arithmetische Intensität</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#666&apos;&gt;Click a box to see what it is and costs. Double-click a fused subgraph to expand it, or a node to fold its subgraph.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#666&apos;&gt;Ein Klick auf einen Kasten zeigt, was er ist und kostet. Ein Doppelklick klappt einen fusionierten Teilgraphen auf oder den Teilgraphen eines Knotens zu.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>(none) #%1</source>
        <translation>(keiner) #%1</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Folded</source>
        <translation>Gefaltet</translation>
    </message>
    <message>
        <source>computed at import: runtimes fold it away</source>
        <translation>beim Import berechnet: Laufzeitumgebungen falten ihn weg</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>Eingaben</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>Ausgaben</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>Attribute</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>Rechenaufwand</translation>
    </message>
    <message>
        <source>Cost model</source>
        <translation>Kostenmodell</translation>
    </message>
    <message>
        <source>none: counted as zero</source>
        <translation>keines: als null gezählt</translation>
    </message>
    <message>
        <source>Estimate (the subgraph it runs in)</source>
        <translation>Schätzung (des Teilgraphen, in dem er läuft)</translation>
    </message>
    <message>
        <source>Fused subgraph #%1 of %2</source>
        <translation>Fusionierter Teilgraph #%1 von %2</translation>
    </message>
    <message>
        <source>Boundary inputs</source>
        <translation>Eingaben an der Grenze</translation>
    </message>
    <message>
        <source>Boundary outputs</source>
        <translation>Ausgaben an der Grenze</translation>
    </message>
    <message>
        <source>Graph input</source>
        <translation>Grapheingabe</translation>
    </message>
    <message>
        <source>Graph output</source>
        <translation>Graphausgabe</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>Tensor</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Produced by</source>
        <translation>Erzeugt von</translation>
    </message>
    <message>
        <source>Consumers</source>
        <translation>Konsumenten</translation>
    </message>
    <message>
        <source>Slowest memory level</source>
        <translation>Langsamste Speicherebene</translation>
    </message>
</context>
<context>
    <name>graphs::ui::GraphScene</name>
    <message>
        <source> (weight)</source>
        <translation> (Gewicht)</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;u&gt;inputs&lt;/u&gt;&lt;br&gt;%1</source>
        <translation>&lt;br&gt;&lt;u&gt;Eingaben&lt;/u&gt;&lt;br&gt;%1</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;u&gt;outputs&lt;/u&gt;&lt;br&gt;%1</source>
        <translation>&lt;br&gt;&lt;u&gt;Ausgaben&lt;/u&gt;&lt;br&gt;%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2, fused: double-click to expand</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2, fusioniert: Doppelklick klappt auf</translation>
    </message>
    <message>
        <source>&lt;b&gt;Input&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Eingabe&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Output&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Ausgabe&lt;/b&gt; %1</translation>
    </message>
</context>
<context>
    <name>graphs::ui::GraphToolBar</name>
    <message>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Zoom In</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Zoom Out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Expand All</source>
        <translation>Alle aufklappen</translation>
    </message>
    <message>
        <source>Collapse All</source>
        <translation>Alle zuklappen</translation>
    </message>
    <message>
        <source>Find a node by name or op type (Enter: next)</source>
        <translation>Name oder Op-Typ (Eingabe: weiter)</translation>
    </message>
    <message>
        <source>Operator class</source>
        <translation>Operatorklasse</translation>
    </message>
    <message>
        <source>Subgraph</source>
        <translation>Teilgraph</translation>
    </message>
    <message>
        <source>Bottleneck</source>
        <translation>Engpass</translation>
    </message>
    <message>
        <source>Latency share</source>
        <translation>Latenzanteil</translation>
    </message>
    <message>
        <source>What the colour of a box tells</source>
        <translation>Was die Farbe eines Kastens aussagt</translation>
    </message>
    <message>
        <source>Select the next node that matches</source>
        <translation>Den nächsten passenden Knoten auswählen</translation>
    </message>
    <message>
        <source>Show the whole graph (%1)</source>
        <translation>Den ganzen Graphen zeigen (%1)</translation>
    </message>
    <message>
        <source>Draw every node of the fused subgraphs</source>
        <translation>Jeden Knoten der fusionierten Teilgraphen zeichnen</translation>
    </message>
    <message>
        <source>Draw each fused subgraph as one box</source>
        <translation>Jeden fusionierten Teilgraphen als einen Kasten zeichnen</translation>
    </message>
    <message>
        <source>Colour by</source>
        <translation>Färben nach</translation>
    </message>
    <message>
        <source>Expand Subgraph</source>
        <translation>Teilgraph aufklappen</translation>
    </message>
    <message>
        <source>Collapse Subgraph</source>
        <translation>Teilgraph zuklappen</translation>
    </message>
    <message>
        <source>Draw the selected fused subgraph as one box, or expand it (or double-click it)</source>
        <translation>Den ausgewählten fusionierten Teilgraphen als einen Kasten zeichnen oder aufklappen (oder doppelklicken)</translation>
    </message>
    <message>
        <source>Choose hardware in the toolbar to partition the model into kernels</source>
        <translation>Hardware in der Werkzeugleiste wählen, um das Modell in Kernel aufzuteilen</translation>
    </message>
</context>
<context>
    <name>graphs::ui::GraphViewPage</name>
    <message>
        <source>Graphviz dot</source>
        <translation>Graphviz dot</translation>
    </message>
    <message>
        <source>the built-in layered layout</source>
        <translation>das eingebaute Schichten-Layout</translation>
    </message>
    <message>
        <source>Laid out when shown</source>
        <translation>Wird beim Anzeigen angeordnet</translation>
    </message>
    <message>
        <source>Laying out %1 boxes…</source>
        <translation>%1 Kästen werden angeordnet…</translation>
    </message>
    <message>
        <source>Could not lay out the graph: %1</source>
        <translation>Der Graph konnte nicht angeordnet werden: %1</translation>
    </message>
    <message>
        <source>%1 boxes, %2 edges; laid out by %3 in %4 ms</source>
        <translation>%1 Kästen, %2 Kanten; angeordnet von %3 in %4 ms</translation>
    </message>
    <message>
        <source>no match</source>
        <translation>kein Treffer</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n Treffer</numerusform>
            <numerusform>%n Treffer</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>graphs::ui::GraphvizLayout</name>
    <message>
        <source>dot failed</source>
        <translation>dot ist fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>graphs::ui::HardwareListModel</name>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>Accelerator</source>
        <translation>Beschleuniger</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>Hardware</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Peak</source>
        <translation>Spitzenleistung</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>%1 (%2): %3, %4 mapper</source>
        <translation>%1 (%2): %3, Mapper %4</translation>
    </message>
    <message>
        <source>%1; %2 latency estimates are INTERPOLATED from %3 (%4): no profile of its own, the calibration of a device of its family carried over</source>
        <translation>%1; Latenzschätzungen für %2 sind aus %3 (%4) INTERPOLIERT: kein eigenes Profil, die Kalibrierung eines Geräts seiner Familie übertragen</translation>
    </message>
    <message>
        <source>%1; %2 latency estimates are CALIBRATED (%3)</source>
        <translation>%1; Latenzschätzungen für %2 sind KALIBRIERT (%3)</translation>
    </message>
    <message>
        <source>%1; calibrated for %2 (latency estimates of these runtimes and precisions come from measurements)</source>
        <translation>%1; kalibriert für %2 (Latenzschätzungen dieser Laufzeitumgebungen und Präzisionen beruhen auf Messungen)</translation>
    </message>
    <message>
        <source>%1; estimates on it are %2 (vendor specifications, not calibrated)</source>
        <translation>%1; Schätzungen darauf sind %2 (Herstellerangaben, nicht kalibriert)</translation>
    </message>
</context>
<context>
    <name>graphs::ui::HardwarePicker</name>
    <message>
        <source>Hardware to estimate on: type part of a name, id or vendor</source>
        <translation>Hardware für die Schätzung: Teil eines Namens, einer ID oder eines Herstellers eingeben</translation>
    </message>
    <message>
        <source>Search hardware…</source>
        <translation>Hardware suchen…</translation>
    </message>
</context>
<context>
    <name>graphs::ui::HardwareToolBar</name>
    <message>
        <source>Hardware</source>
        <translation>Hardware</translation>
    </message>
    <message>
        <source>Execution precision: the ones the chosen hardware has a peak for</source>
        <translation>Ausführungspräzision: die, für die die gewählte Hardware eine Spitzenleistung hat</translation>
    </message>
    <message>
        <source>Batch size: sets dimension 0 of every model input; a change imports the model again</source>
        <translation>Batchgröße: setzt Dimension 0 jeder Modelleingabe; eine Änderung importiert das Modell neu</translation>
    </message>
    <message>
        <source>Runtime profile: decides which nodes fuse into one kernel</source>
        <translation>Laufzeitprofil: bestimmt, welche Knoten zu einem Kernel fusionieren</translation>
    </message>
    <message>
        <source>&amp;Precision:</source>
        <translation>&amp;Präzision:</translation>
    </message>
    <message>
        <source>&amp;Batch:</source>
        <translation>&amp;Batch:</translation>
    </message>
    <message>
        <source>&amp;Runtime:</source>
        <translation>&amp;Laufzeitumgebung:</translation>
    </message>
    <message>
        <source>The hardware registry could not be loaded: %1</source>
        <translation>Die Hardware-Registry konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Hard&amp;ware:</source>
        <translation>Hard&amp;ware:</translation>
    </message>
</context>
<context>
    <name>graphs::ui::ImportProgress</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>graphs::ui::JobTracker</name>
    <message>
        <source>The job stopped with an unknown error.</source>
        <translation>Die Aufgabe brach mit einem unbekannten Fehler ab.</translation>
    </message>
</context>
<context>
    <name>graphs::ui::MainWindow</name>
    <message>
        <source>&lt;h2&gt;No model open&lt;/h2&gt;&lt;p&gt;Open an ONNX model with &lt;b&gt;File › Open…&lt;/b&gt; (%1), or drop a &lt;tt&gt;.onnx&lt;/tt&gt; file onto this window.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Kein Modell geöffnet&lt;/h2&gt;&lt;p&gt;Ein ONNX-Modell mit &lt;b&gt;Datei › Öffnen…&lt;/b&gt; (%1) öffnen oder eine &lt;tt&gt;.onnx&lt;/tt&gt;-Datei auf dieses Fenster ziehen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Graph</source>
        <translation>Graph</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Subgraphs</source>
        <translation>Teilgraphen</translation>
    </message>
    <message>
        <source>Roofline</source>
        <translation>Roofline</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Energie</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>Kalibrierung</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>Benchmarks</source>
        <translation>Benchmarks</translation>
    </message>
    <message>
        <source>Hardware registry</source>
        <translation>Hardware-Registry</translation>
    </message>
    <message>
        <source>The hardware registry could not be loaded.</source>
        <translation>Die Hardware-Registry konnte nicht geladen werden.</translation>
    </message>
    <message>
        <source>Estimating on %1…</source>
        <translation>Schätzung auf %1…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open an ONNX model</source>
        <translation>Ein ONNX-Modell öffnen</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About graphs-studio</source>
        <translation>Ü&amp;ber graphs-studio</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message>
        <source>Unknown hardware</source>
        <translation>Unbekannte Hardware</translation>
    </message>
    <message>
        <source>The registry has no hardware with id &apos;%1&apos;.</source>
        <translation>Die Registry hat keine Hardware mit der ID &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>Did you mean: %1?</source>
        <translation>Meinten Sie: %1?</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Could not open model</source>
        <translation>Modell konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Could not open %1.</source>
        <translation>%1 konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>Opening %1 cancelled</source>
        <translation>Öffnen von %1 abgebrochen</translation>
    </message>
    <message>
        <source>Open ONNX Model</source>
        <translation>ONNX-Modell öffnen</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx);;All files (*)</source>
        <translation>ONNX-Modelle (*.onnx);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <source>Hardware registry: %1</source>
        <translation>Hardware-Registry: %1</translation>
    </message>
    <message>
        <source>%1 on %2: %3</source>
        <translation>%1 auf %2: %3</translation>
    </message>
    <message>
        <source>Estimate failed</source>
        <translation>Schätzung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not estimate the model on this hardware.</source>
        <translation>Das Modell konnte auf dieser Hardware nicht geschätzt werden.</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleich</translation>
    </message>
    <message numerus="yes">
        <source>Opened %1: %n node(s)</source>
        <translation>
            <numerusform>%1 geöffnet: %n Knoten</numerusform>
            <numerusform>%1 geöffnet: %n Knoten</numerusform>
        </translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>Generierung</translation>
    </message>
</context>
<context>
    <name>graphs::ui::MemoryChartData</name>
    <message>
        <source>node #%1</source>
        <translation>Knoten #%1</translation>
    </message>
    <message>
        <source>Step %1 of %2: %3 %4
Activations alive after it: %5</source>
        <translation>Schritt %1 von %2: %3 %4
Danach lebende Aktivierungen: %5</translation>
    </message>
    <message>
        <source> (the peak)</source>
        <translation> (die Spitze)</translation>
    </message>
</context>
<context>
    <name>graphs::ui::MemoryPage</name>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>No estimate yet: choose hardware in the toolbar.</source>
        <translation>Noch keine Schätzung: Hardware in der Werkzeugleiste wählen.</translation>
    </message>
    <message>
        <source>Memory of %1 at %2, batch %3</source>
        <translation>Speicherbedarf von %1 bei %2, Batch %3</translation>
    </message>
    <message>
        <source>Peak %1 ±%2% %3 (%4): weights %5 and activations %6.</source>
        <translation>Spitze %1 ±%2% %3 (%4): Gewichte %5 und Aktivierungen %6.</translation>
    </message>
    <message>
        <source>Activations peak after step %1 of %2 (%3 &apos;%4&apos;).</source>
        <translation>Die Aktivierungen erreichen ihre Spitze nach Schritt %1 von %2 (%3 &apos;%4&apos;).</translation>
    </message>
    <message>
        <source>Hover the timeline for the node that runs at each step.</source>
        <translation>Maus über den Zeitverlauf zeigt den Knoten, der in jedem Schritt läuft.</translation>
    </message>
    <message>
        <source>There is no chart to export: choose hardware first.</source>
        <translation>Es gibt kein Diagramm zu exportieren: zuerst Hardware wählen.</translation>
    </message>
    <message>
        <source>There is no estimate to export: choose hardware first.</source>
        <translation>Es gibt keine Schätzung zu exportieren: zuerst Hardware wählen.</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not export the memory charts.</source>
        <translation>Die Speicherdiagramme konnten nicht exportiert werden.</translation>
    </message>
    <message>
        <source>Export Memory Timeline as CSV</source>
        <translation>Speicherverlauf als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Could not export the memory timeline.</source>
        <translation>Der Speicherverlauf konnte nicht exportiert werden.</translation>
    </message>
    <message>
        <source>Export Memory Charts</source>
        <translation>Speicherdiagramme exportieren</translation>
    </message>
    <message>
        <source>Export Image…</source>
        <translation>Bild exportieren…</translation>
    </message>
</context>
<context>
    <name>graphs::ui::MemorySplitChart</name>
    <message>
        <source>Weights</source>
        <translation>Gewichte</translation>
    </message>
    <message>
        <source>Activations at the peak</source>
        <translation>Aktivierungen an der Spitze</translation>
    </message>
    <message>
        <source>Peak</source>
        <translation>Spitze</translation>
    </message>
    <message>
        <source>Peak memory: %1</source>
        <translation>Spitzenspeicher: %1</translation>
    </message>
    <message>
        <source>Weights: %1</source>
        <translation>Gewichte: %1</translation>
    </message>
    <message>
        <source>Activations at the peak: %1</source>
        <translation>Aktivierungen an der Spitze: %1</translation>
    </message>
</context>
<context>
    <name>graphs::ui::MemoryTimelineChart</name>
    <message>
        <source>Activations alive</source>
        <translation>Lebende Aktivierungen</translation>
    </message>
    <message>
        <source>Peak</source>
        <translation>Spitze</translation>
    </message>
    <message>
        <source>Step in execution order</source>
        <translation>Schritt in Ausführungsreihenfolge</translation>
    </message>
    <message>
        <source>Activation memory over the execution order</source>
        <translation>Aktivierungsspeicher über die Ausführungsreihenfolge</translation>
    </message>
    <message>
        <source>Activations alive (%1)</source>
        <translation>Lebende Aktivierungen (%1)</translation>
    </message>
    <message>
        <source>peak %1 after step %2</source>
        <translation>Spitze %1 nach Schritt %2</translation>
    </message>
</context>
<context>
    <name>graphs::ui::ModelSummaryPage</name>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>Producer:</source>
        <translation>Erzeuger:</translation>
    </message>
    <message>
        <source>Nodes:</source>
        <translation>Knoten:</translation>
    </message>
    <message>
        <source>Parameters:</source>
        <translation>Parameter:</translation>
    </message>
    <message>
        <source>Weights:</source>
        <translation>Gewichte:</translation>
    </message>
    <message>
        <source>Inputs and outputs</source>
        <translation>Ein- und Ausgaben</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>Rechenaufwand</translation>
    </message>
    <message>
        <source>MACs:</source>
        <translation>MACs:</translation>
    </message>
    <message>
        <source>FLOPs:</source>
        <translation>FLOPs:</translation>
    </message>
    <message>
        <source>  matrix:</source>
        <translation>  Matrix:</translation>
    </message>
    <message>
        <source>  vector:</source>
        <translation>  Vektor:</translation>
    </message>
    <message>
        <source>  transcendental:</source>
        <translation>  transzendent:</translation>
    </message>
    <message>
        <source>Unmodelled nodes:</source>
        <translation>Nicht modellierte Knoten:</translation>
    </message>
    <message>
        <source>Memory traffic</source>
        <translation>Speicherverkehr</translation>
    </message>
    <message>
        <source>Activations read:</source>
        <translation>Gelesene Aktivierungen:</translation>
    </message>
    <message>
        <source>Weights read:</source>
        <translation>Gelesene Gewichte:</translation>
    </message>
    <message>
        <source>Written:</source>
        <translation>Geschrieben:</translation>
    </message>
    <message>
        <source>Operators</source>
        <translation>Operatoren</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>ONNX IR %1, opset %2</source>
        <translation>ONNX IR %1, Opset %2</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Nodes whose operator has no cost model count as zero FLOPs</source>
        <translation>Knoten, deren Operator kein Kostenmodell hat, zählen als null FLOPs</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… und %1 weitere</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>Eingaben</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>Ausgaben</translation>
    </message>
    <message>
        <source>Warnings (%1)</source>
        <translation>Warnungen (%1)</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>Keine.</translation>
    </message>
</context>
<context>
    <name>graphs::ui::NodeTableModel</name>
    <message>
        <source>(unnamed #%1)</source>
        <translation>(unbenannt #%1)</translation>
    </message>
    <message>
        <source>%1 has no cost model: counted as zero FLOPs</source>
        <translation>%1 hat kein Kostenmodell: als null FLOPs gezählt</translation>
    </message>
    <message>
        <source>%1 multiply-accumulates</source>
        <translation>%1 Multiplikations-Additionen</translation>
    </message>
    <message>
        <source>%1 FLOPs: matrix %2, vector %3, transcendental %4</source>
        <translation>%1 FLOPs: Matrix %2, Vektor %3, transzendent %4</translation>
    </message>
    <message>
        <source>%1 bytes: activations %2, weights %3</source>
        <translation>%1 Bytes: Aktivierungen %2, Gewichte %3</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Bytes</translation>
    </message>
    <message>
        <source>FLOPs per byte read or written</source>
        <translation>FLOPs je gelesenem oder geschriebenem Byte</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>MACs</translation>
    </message>
    <message>
        <source>FLOPs</source>
        <translation>FLOPs</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Gelesen</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>Geschrieben</translation>
    </message>
    <message>
        <source>FLOP/B</source>
        <translation>FLOP/B</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>Ausgabeform</translation>
    </message>
</context>
<context>
    <name>graphs::ui::NodesPage</name>
    <message>
        <source>Filter by name or operator type</source>
        <translation>Nach Name oder Operatortyp filtern</translation>
    </message>
    <message>
        <source>No model is open.</source>
        <translation>Kein Modell ist geöffnet.</translation>
    </message>
    <message>
        <source>%1 of %2 nodes</source>
        <translation>%1 von %2 Knoten</translation>
    </message>
    <message numerus="yes">
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n Knoten</numerusform>
            <numerusform>%n Knoten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>graphs::ui::OpHistogramModel</name>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>FLOPs</source>
        <translation>FLOPs</translation>
    </message>
    <message>
        <source>Share of FLOPs</source>
        <translation>Anteil an den FLOPs</translation>
    </message>
</context>
<context>
    <name>graphs::ui::ParetoPlot</name>
    <message>
        <source>Latency per inference (ms)</source>
        <translation>Latenz je Inferenz (ms)</translation>
    </message>
    <message>
        <source>Energy per inference (mJ)</source>
        <translation>Energie je Inferenz (mJ)</translation>
    </message>
    <message>
        <source>%1 front</source>
        <translation>Pareto-Front %1</translation>
    </message>
</context>
<context>
    <name>graphs::ui::PublishedRun</name>
    <message>
        <source>No model for %1 in %2: its rows are skipped.</source>
        <translation>Kein Modell für %1 in %2: seine Zeilen werden übersprungen.</translation>
    </message>
    <message>
        <source>The validation failed: %1</source>
        <translation>Die Validierung ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>graphs::ui::PublishedScatterPlot</name>
    <message>
        <source>Offline: published samples/s per accelerator</source>
        <translation>Offline: veröffentlichte Samples/s je Beschleuniger</translation>
    </message>
    <message>
        <source>Estimated samples/s</source>
        <translation>Geschätzte Samples/s</translation>
    </message>
    <message>
        <source>SingleStream: published latency (ms, 90th percentile)</source>
        <translation>SingleStream: veröffentlichte Latenz (ms, 90. Perzentil)</translation>
    </message>
    <message>
        <source>Estimated latency (ms)</source>
        <translation>Geschätzte Latenz (ms)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>±%1 % of published</source>
        <translation>±%1 % vom veröffentlichten Wert</translation>
    </message>
    <message>
        <source>estimate = published</source>
        <translation>Schätzung = veröffentlicht</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;published %2, estimated %3 (%4%5 %)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;veröffentlicht %2, geschätzt %3 (%4%5 %)</translation>
    </message>
    <message>
        <source>&lt;br&gt;batch %1 (%2), %3 profile</source>
        <translation>&lt;br&gt;Batch %1 (%2), Profil %3</translation>
    </message>
    <message>
        <source>&lt;br&gt;power-limited: clocks lowered to the entry&apos;s limit</source>
        <translation>&lt;br&gt;leistungsbegrenzt: Takt auf die Grenze des Eintrags gesenkt</translation>
    </message>
</context>
<context>
    <name>graphs::ui::PublishedTableModel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 samples/s</source>
        <translation>%1 Samples/s</translation>
    </message>
    <message>
        <source>%1 (optimal)</source>
        <translation>%1 (optimal)</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>limited</source>
        <translation>begrenzt</translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation>Übersprungen: %1</translation>
    </message>
    <message>
        <source>%1 (line %2)</source>
        <translation>%1 (Zeile %2)</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>Per accelerator: the system&apos;s %1 divided by %2</source>
        <translation>Je Beschleuniger: die %1 des Systems geteilt durch %2</translation>
    </message>
    <message>
        <source>%1, %2 with the %3 profile; stated bound ±%4 %</source>
        <translation>%1, %2 mit dem Profil %3; angegebene Grenze ±%4 %</translation>
    </message>
    <message>
        <source>The modelled power reached the entry&apos;s limit and clocks were lowered</source>
        <translation>Die modellierte Leistung erreichte die Grenze des Eintrags, und der Takt wurde gesenkt</translation>
    </message>
    <message>
        <source>The published batch; &quot;optimal&quot;: none was published, so the one with the highest estimated throughput that fits the device&apos;s memory</source>
        <translation>Der veröffentlichte Batch; „optimal“: keiner wurde veröffentlicht, daher der mit dem höchsten geschätzten Durchsatz, der in den Speicher des Geräts passt</translation>
    </message>
    <message>
        <source>Offline: samples/s per accelerator; SingleStream: 90th-percentile latency</source>
        <translation>Offline: Samples/s je Beschleuniger; SingleStream: Latenz im 90. Perzentil</translation>
    </message>
    <message>
        <source>Estimate / published − 1: positive when the estimate is high</source>
        <translation>Schätzung / veröffentlicht − 1: positiv, wenn die Schätzung zu hoch ist</translation>
    </message>
    <message>
        <source>Energy per sample from the system&apos;s measured power (MLPerf Power)</source>
        <translation>Energie je Sample aus der gemessenen Leistung des Systems (MLPerf Power)</translation>
    </message>
    <message>
        <source>Energy per sample of the accelerators, estimated</source>
        <translation>Energie je Sample der Beschleuniger, geschätzt</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>Runde</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>Hardware</translation>
    </message>
    <message>
        <source>Benchmark</source>
        <translation>Benchmark</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Szenario</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <source>Estimate</source>
        <translation>Schätzung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <source>Energy measured (mJ)</source>
        <translation>Energie gemessen (mJ)</translation>
    </message>
    <message>
        <source>Energy estimated (mJ)</source>
        <translation>Energie geschätzt (mJ)</translation>
    </message>
    <message>
        <source>Energy error</source>
        <translation>Energiefehler</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
</context>
<context>
    <name>graphs::ui::PublishedValidationView</name>
    <message>
        <source>Choose File…</source>
        <translation>Datei wählen…</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Export Markdown…</source>
        <translation>Markdown exportieren…</translation>
    </message>
    <message>
        <source>Export Chart…</source>
        <translation>Diagramm exportieren…</translation>
    </message>
    <message>
        <source>Estimate every row of the file again</source>
        <translation>Jede Zeile der Datei erneut schätzen</translation>
    </message>
    <message>
        <source>Published results:</source>
        <translation>Veröffentlichte Ergebnisse:</translation>
    </message>
    <message>
        <source>Choose Published Results</source>
        <translation>Veröffentlichte Ergebnisse wählen</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The hardware registry is still loading.</source>
        <translation>Die Hardware-Registry wird noch geladen.</translation>
    </message>
    <message>
        <source>Estimating the published results of %1…</source>
        <translation>Schätzung der veröffentlichten Ergebnisse aus %1…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>Cancelled: nothing was estimated.</source>
        <translation>Abgebrochen: nichts wurde geschätzt.</translation>
    </message>
    <message>
        <source>Could not validate against the published results: %1</source>
        <translation>Die Validierung gegen die veröffentlichten Ergebnisse war nicht möglich: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) estimated, %1 skipped</source>
        <translation>
            <numerusform>%n Zeile geschätzt, %1 übersprungen</numerusform>
            <numerusform>%n Zeilen geschätzt, %1 übersprungen</numerusform>
        </translation>
    </message>
    <message>
        <source>MAPE %1 · median %2</source>
        <translation>MAPE %1 · Median %2</translation>
    </message>
    <message>
        <source>Bias (mean signed error):</source>
        <translation>Verzerrung (mittlerer vorzeichenbehafteter Fehler):</translation>
    </message>
    <message>
        <source>MAPE per benchmark:</source>
        <translation>MAPE je Benchmark:</translation>
    </message>
    <message numerus="yes">
        <source>Energy per sample: %n row(s) compared, MAPE %1, within ±25 %: %2</source>
        <translation>
            <numerusform>Energie je Sample: %n Zeile verglichen, MAPE %1, innerhalb ±25 %: %2</numerusform>
            <numerusform>Energie je Sample: %n Zeilen verglichen, MAPE %1, innerhalb ±25 %: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Energy per sample: no rows compared</source>
        <translation>Energie je Sample: keine Zeilen verglichen</translation>
    </message>
    <message>
        <source>There is nothing to export: run the validation first.</source>
        <translation>Es gibt nichts zu exportieren: zuerst die Validierung ausführen.</translation>
    </message>
    <message>
        <source>There is no chart to export: run the validation first.</source>
        <translation>Es gibt kein Diagramm zu exportieren: zuerst die Validierung ausführen.</translation>
    </message>
    <message>
        <source>Export Published Validation as CSV</source>
        <translation>Validierung gegen veröffentlichte Ergebnisse als CSV exportieren</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not export the table.</source>
        <translation>Die Tabelle konnte nicht exportiert werden.</translation>
    </message>
    <message>
        <source>Export Published Validation as Markdown</source>
        <translation>Validierung gegen veröffentlichte Ergebnisse als Markdown exportieren</translation>
    </message>
    <message>
        <source>Markdown files (*.md);;All files (*)</source>
        <translation>Markdown-Dateien (*.md);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Could not export the report.</source>
        <translation>Der Bericht konnte nicht exportiert werden.</translation>
    </message>
    <message>
        <source>Export Published Validation Chart</source>
        <translation>Diagramm der Validierung gegen veröffentlichte Ergebnisse exportieren</translation>
    </message>
    <message>
        <source>Could not export the chart.</source>
        <translation>Das Diagramm konnte nicht exportiert werden.</translation>
    </message>
    <message>
        <source>Within ±25 %: %1 of rows</source>
        <translation>Innerhalb ±25 %: %1 der Zeilen</translation>
    </message>
    <message>
        <source>Within ±15 %: %1 of rows</source>
        <translation>Innerhalb ±15 %: %1 der Zeilen</translation>
    </message>
</context>
<context>
    <name>graphs::ui::RecentFiles</name>
    <message>
        <source>&amp;Clear List</source>
        <translation>Liste &amp;leeren</translation>
    </message>
</context>
<context>
    <name>graphs::ui::RegistryLoader</name>
    <message>
        <source>No runtime profiles in %1</source>
        <translation>Keine Laufzeitprofile in %1</translation>
    </message>
</context>
<context>
    <name>graphs::ui::ReportExport</name>
    <message>
        <source># %1 on %2</source>
        <translation># %1 auf %2</translation>
    </message>
    <message>
        <source>none (theoretical estimates)</source>
        <translation>keine (theoretische Schätzungen)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>Hardware</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <source>Runtime</source>
        <translation>Laufzeitumgebung</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>Kalibrierung</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>Geschrieben</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>Abbildungen</translation>
    </message>
    <message>
        <source>%1: cannot create the folder for the figures</source>
        <translation>%1: der Ordner für die Abbildungen kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>%1: there is no graph to draw</source>
        <translation>%1: es gibt keinen Graphen zu zeichnen</translation>
    </message>
    <message>
        <source>%1: cannot write the picture (%2)</source>
        <translation>%1: das Bild kann nicht geschrieben werden (%2)</translation>
    </message>
</context>
<context>
    <name>graphs::ui::RooflineData</name>
    <message>
        <source>vector (elementwise work)</source>
        <translation>Vektor (elementweise Arbeit)</translation>
    </message>
    <message>
        <source>%1 matrix</source>
        <translation>%1 Matrix</translation>
    </message>
    <message>
        <source>%1 vector</source>
        <translation>%1 Vektor</translation>
    </message>
    <message>
        <source>%1 peak</source>
        <translation>%1 Spitze</translation>
    </message>
</context>
<context>
    <name>graphs::ui::RooflinePage</name>
    <message>
        <source>No estimate yet: choose hardware in the toolbar.</source>
        <translation>Noch keine Schätzung: Hardware in der Werkzeugleiste wählen.</translation>
    </message>
    <message>
        <source>%1 on %2, %3, batch %4, %5: roofs are THEORETICAL (vendor specification)</source>
        <translation>%1 auf %2, %3, Batch %4, %5: Obergrenzen sind THEORETISCH (Herstellerangabe)</translation>
    </message>
    <message>
        <source>Dot area in proportion to the subgraph&apos;s share of latency; hover for figures, click to select.</source>
        <translation>Punktfläche im Verhältnis zum Latenzanteil des Teilgraphen; Maus darüber zeigt Werte, Klick wählt aus.</translation>
    </message>
    <message>
        <source>There is no chart to export: choose hardware first.</source>
        <translation>Es gibt kein Diagramm zu exportieren: zuerst Hardware wählen.</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not export the roofline.</source>
        <translation>Die Roofline konnte nicht exportiert werden.</translation>
    </message>
    <message numerus="yes">
        <source>%n subgraph(s) only move data (no FLOPs) and have no place on these axes.</source>
        <translation>
            <numerusform>%n Teilgraph bewegt nur Daten (keine FLOPs) und hat auf diesen Achsen keinen Platz.</numerusform>
            <numerusform>%n Teilgraphen bewegen nur Daten (keine FLOPs) und haben auf diesen Achsen keinen Platz.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n subgraph(s) run no kernel (views, shape arithmetic).</source>
        <translation>
            <numerusform>%n Teilgraph startet keinen Kernel (Views, Formarithmetik).</numerusform>
            <numerusform>%n Teilgraphen starten keinen Kernel (Views, Formarithmetik).</numerusform>
        </translation>
    </message>
    <message>
        <source>Export Roofline</source>
        <translation>Roofline exportieren</translation>
    </message>
    <message>
        <source>Export Image…</source>
        <translation>Bild exportieren…</translation>
    </message>
</context>
<context>
    <name>graphs::ui::RooflinePlot</name>
    <message>
        <source>FLOP/s</source>
        <translation>FLOP/s</translation>
    </message>
    <message>
        <source>Arithmetic intensity (FLOP/byte)</source>
        <translation>Arithmetische Intensität (FLOP/Byte)</translation>
    </message>
    <message>
        <source>Attained performance (FLOP/s)</source>
        <translation>Erreichte Leistung (FLOP/s)</translation>
    </message>
    <message>
        <source>Memory roof (theoretical)</source>
        <translation>Speicher-Obergrenze (theoretisch)</translation>
    </message>
    <message>
        <source>B/s</source>
        <translation>B/s</translation>
    </message>
    <message>
        <source>Compute roof (theoretical)</source>
        <translation>Rechen-Obergrenze (theoretisch)</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;#%1 %2&lt;/b&gt;&lt;br&gt;latency %3 (%4% of the model)&lt;br&gt;bound by %5%6&lt;br&gt;%7 FLOP/B, %8</source>
        <translation>&lt;b&gt;#%1 %2&lt;/b&gt;&lt;br&gt;Latenz %3 (%4% des Modells)&lt;br&gt;begrenzt durch %5%6&lt;br&gt;%7 FLOP/B, %8</translation>
    </message>
    <message>
        <source>, memory time set by %1</source>
        <translation>, Speicherzeit bestimmt durch %1</translation>
    </message>
</context>
<context>
    <name>graphs::ui::ScreenshotTaker</name>
    <message>
        <source>No estimate within the time allowed: was a model and hardware given?</source>
        <translation>Keine Schätzung in der erlaubten Zeit: wurden Modell und Hardware angegeben?</translation>
    </message>
    <message>
        <source>Could not create %1</source>
        <translation>%1 konnte nicht angelegt werden</translation>
    </message>
    <message>
        <source>The window was closed</source>
        <translation>Das Fenster wurde geschlossen</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>%1 geschrieben</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>%1 konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <source> (no measurements of %1 × %2 in %3: calibration pages not captured)</source>
        <translation> (keine Messungen von %1 × %2 in %3: Kalibrierungsseiten nicht aufgenommen)</translation>
    </message>
    <message>
        <source> (calibration failed: %1)</source>
        <translation> (Kalibrierung fehlgeschlagen: %1)</translation>
    </message>
</context>
<context>
    <name>graphs::ui::SubgraphTableModel</name>
    <message>
        <source>%1 ±%2%</source>
        <translation>%1 ±%2%</translation>
    </message>
    <message>
        <source>%1 (%2 fusion): %3</source>
        <translation>%1 (Fusion %2): %3</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 multiply-accumulates</source>
        <translation>%1 Multiplikations-Additionen</translation>
    </message>
    <message>
        <source>%1 FLOPs: matrix %2, vector %3, transcendental %4</source>
        <translation>%1 FLOPs: Matrix %2, Vektor %3, transzendent %4</translation>
    </message>
    <message>
        <source>%1 bytes at its boundary: read %2 (weights %3), written %4</source>
        <translation>%1 Bytes an seiner Grenze: gelesen %2 (Gewichte %3), geschrieben %4</translation>
    </message>
    <message>
        <source>FLOPs per byte crossing the subgraph&apos;s boundary</source>
        <translation>FLOPs je Byte, das die Grenze des Teilgraphen überquert</translation>
    </message>
    <message>
        <source>%1
compute %2 ms, memory %3 ms, overhead %4 ms on the %5 datapath, utilisation %6
%7</source>
        <translation>%1
Rechnen %2 ms, Speicher %3 ms, Overhead %4 ms auf dem Datenpfad %5, Auslastung %6
%7</translation>
    </message>
    <message>
        <source>Share of the model&apos;s latency (the bar is scaled to the largest share)</source>
        <translation>Anteil an der Latenz des Modells (der Balken ist auf den größten Anteil skaliert)</translation>
    </message>
    <message>
        <source>%1
compute %2 mJ, memory %3 mJ, static %4 mJ</source>
        <translation>%1
Rechnen %2 mJ, Speicher %3 mJ, statisch %4 mJ</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Subgraph</source>
        <translation>Teilgraph</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>MACs</translation>
    </message>
    <message>
        <source>FLOPs</source>
        <translation>FLOPs</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>FLOP/B</source>
        <translation>FLOP/B</translation>
    </message>
    <message>
        <source>Bound</source>
        <translation>Begrenzung</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Ebene</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>Latenz (ms)</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <source>Energy (mJ)</source>
        <translation>Energie (mJ)</translation>
    </message>
    <message>
        <source>The memory level whose traffic takes the longest, which sets the memory time (%1 moved in all, at the execution precision)</source>
        <translation>Die Speicherebene, deren Datenverkehr am längsten dauert und damit die Speicherzeit bestimmt (insgesamt %1 bewegt, in der Ausführungsgenauigkeit)</translation>
    </message>
</context>
<context>
    <name>graphs::ui::SubgraphsPage</name>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Filter by operator type</source>
        <translation>Nach Operatortyp filtern</translation>
    </message>
    <message>
        <source>Any bound</source>
        <translation>Jede Begrenzung</translation>
    </message>
    <message>
        <source>%1 bound</source>
        <translation>%1-begrenzt</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>share ≥ </source>
        <translation>Anteil ≥ </translation>
    </message>
    <message>
        <source>Only subgraphs that take at least this share of the model&apos;s latency</source>
        <translation>Nur Teilgraphen, die mindestens diesen Anteil an der Latenz des Modells haben</translation>
    </message>
    <message>
        <source>&lt;p&gt;No estimate yet.&lt;/p&gt;&lt;p&gt;Choose hardware in the toolbar: the model is partitioned into the kernels the runtime would run, and each is estimated on it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Noch keine Schätzung.&lt;/p&gt;&lt;p&gt;Hardware in der Werkzeugleiste wählen: das Modell wird in die Kernel aufgeteilt, die die Laufzeitumgebung ausführen würde, und jeder wird darauf geschätzt.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>There is no estimate to export: choose hardware first.</source>
        <translation>Es gibt keine Schätzung zu exportieren: zuerst Hardware wählen.</translation>
    </message>
    <message>
        <source>Export Subgraphs as CSV</source>
        <translation>Teilgraphen als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not export the subgraphs.</source>
        <translation>Die Teilgraphen konnten nicht exportiert werden.</translation>
    </message>
    <message>
        <source>%1 of %2 subgraphs</source>
        <translation>%1 von %2 Teilgraphen</translation>
    </message>
    <message numerus="yes">
        <source>%n subgraph(s)</source>
        <translation>
            <numerusform>%n Teilgraph</numerusform>
            <numerusform>%n Teilgraphen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>graphs::ui::TransferCheckModel</name>
    <message>
        <source>%1: MAPE %2 % over %3 (the roofs alone, without the carried fit: %4 %)</source>
        <translation>%1: MAPE %2 % über %3 (nur die Obergrenzen, ohne die übertragene Anpassung: %4 %)</translation>
    </message>
    <message>
        <source>The stated bound ±%1 % covers %2 of %3.</source>
        <translation>Die angegebene Schranke ±%1 % deckt %2 von %3 ab.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>The same item from the specification&apos;s roofs alone, every term at its prior: what the carried fit adds</source>
        <translation>Derselbe Eintrag allein aus den Obergrenzen der Spezifikation, jeder Term auf seinem Vorgabewert: was die übertragene Anpassung beiträgt</translation>
    </message>
    <message>
        <source>Measured item</source>
        <translation>Gemessener Eintrag</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Measured ms</source>
        <translation>Gemessen ms</translation>
    </message>
    <message>
        <source>Estimate ms</source>
        <translation>Schätzung ms</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Inside bound</source>
        <translation>Innerhalb der Schranke</translation>
    </message>
    <message>
        <source>Roofs alone ms</source>
        <translation>Nur Obergrenzen ms</translation>
    </message>
</context>
<context>
    <name>graphs::ui::TransferChecker</name>
    <message>
        <source>the calibration of %1 cannot be carried over to %2: it has no latency fit with a cross-validated bound (no whole models measured)</source>
        <translation>die Kalibrierung von %1 kann nicht auf %2 übertragen werden: sie hat keine Latenzanpassung mit kreuzvalidierter Schranke (keine ganzen Modelle gemessen)</translation>
    </message>
    <message>
        <source>no measurements of %1 × %2 to check the carried-over calibration against: %3 holds no results CSV</source>
        <translation>keine Messungen von %1 × %2, gegen die die übertragene Kalibrierung geprüft werden kann: %3 enthält keine Ergebnis-CSV</translation>
    </message>
</context>
<context>
    <name>graphs::ui::TransferPanel</name>
    <message>
        <source>Check transfer</source>
        <translation>Übertragung prüfen</translation>
    </message>
    <message>
        <source>Estimate this device&apos;s own measurements with the calibration carried over from its sibling, as &apos;graphs calibrate --transfer-from&apos; does</source>
        <translation>Die eigenen Messungen dieses Geräts mit der von seinem Geschwistergerät übertragenen Kalibrierung schätzen, wie &apos;graphs calibrate --transfer-from&apos;</translation>
    </message>
    <message>
        <source>The calibration of %1 carried to %2, against %2&apos;s own measurements (which that calibration never saw):</source>
        <translation>Die Kalibrierung von %1, auf %2 übertragen, gegen die eigenen Messungen von %2 (die diese Kalibrierung nie gesehen hat):</translation>
    </message>
    <message>
        <source>Could not carry the calibration of %1 over to %2: %3</source>
        <translation>Die Kalibrierung von %1 konnte nicht auf %2 übertragen werden: %3</translation>
    </message>
    <message>
        <source>Check transfer estimates the measurements of %1 with the calibration carried over from %2.</source>
        <translation>„Übertragung prüfen“ schätzt die Messungen von %1 mit der von %2 übertragenen Kalibrierung.</translation>
    </message>
    <message>
        <source>Choose a device without a profile of its own whose estimates are INTERPOLATED from a device of its family, and press Check transfer.</source>
        <translation>Ein Gerät ohne eigenes Profil wählen, dessen Schätzungen von einem Gerät seiner Familie INTERPOLIERT sind, und „Übertragung prüfen“ drücken.</translation>
    </message>
    <message>
        <source>%1 × %2 (%3)</source>
        <translation>%1 × %2 (%3)</translation>
    </message>
    <message>
        <source>Estimates on %1 are CALIBRATED with its own profile (%2).</source>
        <translation>Schätzungen auf %1 sind mit seinem eigenen Profil KALIBRIERT (%2).</translation>
    </message>
    <message>
        <source>%1 has no profile of its own: its estimates are INTERPOLATED from the calibration of %2 (%3), carried over to its specifications.</source>
        <translation>%1 hat kein eigenes Profil: seine Schätzungen sind aus der Kalibrierung von %2 (%3) INTERPOLIERT, auf seine Spezifikationen übertragen.</translation>
    </message>
    <message>
        <source>Stated bound ±%1 % (%2 × the source&apos;s cross-validated ±%3 %).</source>
        <translation>Angegebene Schranke ±%1 % (%2 × die kreuzvalidierte Schranke der Quelle, ±%3 %).</translation>
    </message>
    <message>
        <source>Stated bound: refitting the source&apos;s profile…</source>
        <translation>Angegebene Schranke: das Profil der Quelle wird neu angepasst…</translation>
    </message>
    <message>
        <source>No profile of %1, nor of a device of its family (%2): its estimates are THEORETICAL.</source>
        <translation>Kein Profil von %1 und keines eines Geräts seiner Familie (%2): seine Schätzungen sind THEORETISCH.</translation>
    </message>
    <message>
        <source>Carrying the calibration of %1 to %2 and estimating %2&apos;s own measurements…</source>
        <translation>Die Kalibrierung von %1 wird auf %2 übertragen und die eigenen Messungen von %2 werden geschätzt…</translation>
    </message>
</context>
<context>
    <name>graphs::ui::ValidationHistogramPlot</name>
    <message>
        <source>Error of the held-out estimate (%)</source>
        <translation>Fehler der zurückgehaltenen Schätzung (%)</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
</context>
<context>
    <name>graphs::ui::ValidationPage</name>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Fitting on the Calibration page; the validation follows.</source>
        <translation>Anpassung auf der Seite Kalibrierung; die Validierung folgt.</translation>
    </message>
    <message>
        <source>The calibration failed, so there is nothing to validate: %1</source>
        <translation>Die Kalibrierung ist fehlgeschlagen, es gibt nichts zu validieren: %1</translation>
    </message>
    <message>
        <source>No calibration yet: fit one on the Calibration page.</source>
        <translation>Noch keine Kalibrierung: eine auf der Seite Kalibrierung anpassen.</translation>
    </message>
    <message>
        <source>Leave-one-model-out validation of %1 × %2 (%3): each model estimated by a fit that did not see it, with the bound that fit stated</source>
        <translation>Leave-one-model-out-Validierung von %1 × %2 (%3): jedes Modell geschätzt von einer Anpassung, die es nicht gesehen hat, mit der von ihr angegebenen Schranke</translation>
    </message>
    <message>
        <source>MAPE %1 · median %2 · worst %3 (%4) · %5 of %6 within ±%7</source>
        <translation>MAPE %1 · Median %2 · schlechtestes %3 (%4) · %5 von %6 innerhalb ±%7</translation>
    </message>
    <message>
        <source>Spearman %1</source>
        <translation>Spearman %1</translation>
    </message>
    <message>
        <source>Spearman –</source>
        <translation>Spearman –</translation>
    </message>
    <message>
        <source>stated bounds cover %1 of %2 (%3)</source>
        <translation>angegebene Schranken decken %1 von %2 ab (%3)</translation>
    </message>
    <message>
        <source>There is nothing to export: fit a calibration with measured models first.</source>
        <translation>Es gibt nichts zu exportieren: zuerst eine Kalibrierung mit gemessenen Modellen anpassen.</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not export the charts.</source>
        <translation>Die Diagramme konnten nicht exportiert werden.</translation>
    </message>
    <message>
        <source>Export Validation as CSV</source>
        <translation>Validierung als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Could not export the table.</source>
        <translation>Die Tabelle konnte nicht exportiert werden.</translation>
    </message>
    <message>
        <source>Export Validation Charts</source>
        <translation>Validierungsdiagramme exportieren</translation>
    </message>
    <message>
        <source>Calibration (leave one model out)</source>
        <translation>Kalibrierung (Leave-one-model-out)</translation>
    </message>
    <message>
        <source>Published results</source>
        <translation>Veröffentlichte Ergebnisse</translation>
    </message>
    <message>
        <source>Export Image…</source>
        <translation>Bild exportieren…</translation>
    </message>
</context>
<context>
    <name>graphs::ui::ValidationTableModel</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>±%1 %</source>
        <translation>±%1 %</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>The estimate of a fit that did not see this model</source>
        <translation>Die Schätzung einer Anpassung, die dieses Modell nicht gesehen hat</translation>
    </message>
    <message>
        <source>Estimated / measured − 1: positive when the estimate is high</source>
        <translation>Geschätzt / gemessen − 1: positiv, wenn die Schätzung zu hoch ist</translation>
    </message>
    <message>
        <source>The error bound that fit stated, from its own cross-validation</source>
        <translation>Die Fehlerschranke, die diese Anpassung aus ihrer eigenen Kreuzvalidierung angegeben hat</translation>
    </message>
    <message>
        <source>Whether the error falls inside the stated bound</source>
        <translation>Ob der Fehler innerhalb der angegebenen Schranke liegt</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Measured (ms)</source>
        <translation>Gemessen (ms)</translation>
    </message>
    <message>
        <source>Estimated (ms)</source>
        <translation>Geschätzt (ms)</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Bound</source>
        <translation>Schranke</translation>
    </message>
    <message>
        <source>Inside</source>
        <translation>Innerhalb</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Latency, memory and energy estimates of neural networks on hardware.</source>
        <translation>Schätzungen von Latenz, Speicher und Energie neuronaler Netze auf Hardware.</translation>
    </message>
    <message>
        <source>ONNX model to open.</source>
        <translation>Zu öffnendes ONNX-Modell.</translation>
    </message>
    <message>
        <source>Estimate on the registry entry ID (see &apos;graphs hardware list&apos;).</source>
        <translation>Auf dem Registry-Eintrag ID schätzen (siehe &apos;graphs hardware list&apos;).</translation>
    </message>
    <message>
        <source>Execution precision (fp32, fp16, bf16, int8, …) where the hardware has it.</source>
        <translation>Ausführungspräzision (fp32, fp16, bf16, int8, …), sofern die Hardware sie hat.</translation>
    </message>
    <message>
        <source>graphs-studio: no translation for &apos;%1&apos; (available: %2)</source>
        <translation>graphs-studio: keine Übersetzung für &apos;%1&apos; (vorhanden: %2)</translation>
    </message>
    <message>
        <source>Show the user interface in LANG (%1) instead of the system language.</source>
        <translation>Die Bedienoberfläche in LANG (%1) statt in der Systemsprache zeigen.</translation>
    </message>
    <message>
        <source>graphs-studio: unknown precision &apos;%1&apos;</source>
        <translation>graphs-studio: unbekannte Präzision &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Once the estimate is ready, save the Summary, Nodes, Subgraphs, Roofline, Graph, Energy and Memory pages as PNG files in DIR (then the Calibration and Validation pages, when the user registry holds measurements of the hardware and runtime last calibrated), then quit.</source>
        <translation>Sobald die Schätzung vorliegt, die Seiten Übersicht, Knoten, Teilgraphen, Roofline, Graph, Energie und Speicher als PNG-Dateien in DIR speichern (danach die Seiten Kalibrierung und Validierung, wenn die Benutzer-Registry Messungen der zuletzt kalibrierten Hardware und Laufzeitumgebung enthält), dann beenden.</translation>
    </message>
</context>
</TS>
