using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using Nabla.Data;
using Nabla.Diagrams;
using Nabla.Playground.Training;

namespace Nabla.Playground.Pages;

/// <summary>
/// The playground page: settings → a <see cref="Session"/> (the library's own network, optimizer
/// and trainer); Play trains batch by batch in slices of a few milliseconds between frames, so the page stays
/// responsive, and redraws the curves, the regions and the diagram a few times a second.
/// </summary>
public partial class Home
{
    /// <summary>How long one slice of training runs before the page yields to the browser.</summary>
    private static readonly long SliceTicks = Stopwatch.Frequency * 40 / 1000;

    /// <summary>The largest CSV file the page reads.</summary>
    private const long MaxCsvBytes = 4L << 20;

    /// <summary>Batches trained between two readings of the clock in a slice.</summary>
    private const int BatchesBetweenClockReads = 8;

    /// <summary>How often the pictures are redrawn while training runs.</summary>
    private static readonly long RedrawTicks = Stopwatch.Frequency * 150 / 1000;

    private Settings settings = Settings.Presets[0].Make();
    private Session? session;
    private Regions? regions;
    private UnitMaps? unitMaps;
    private string? error;
    private string? linkProblem;
    private string? csvText;
    private string? csvName;
    private string csvLabel = "label";
    private string? csvError;
    private string? specError;
    private string diagram = "";
    private string runSpec = "";
    private bool running;
    private bool dirty;
    private double? stepsPerSecond;
    private double? trainingStepsPerSecond;
    private double redrawMilliseconds;
    private ElementReference canvas;
    private ElementReference unitMapsElement;
    private Session? pointsSentFor;

    public void Dispose() => running = false;

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    /// <summary>Reads the settings (and the steps taken) from the page's address, then builds the run and takes those steps.</summary>
    protected override void OnInitialized()
    {
        string query = new Uri(Navigation.Uri).Query;
        long steps = 0;
        if (query.Length > 1)
        {
            var (fromLink, linkSteps, problem) = SettingsLink.Read(query);
            linkProblem = problem;
            if (fromLink is not null)
            {
                (settings, steps) = (fromLink, linkSteps);
            }
        }

        Rebuild();
        if (session is { } s && steps > 0)
        {
            while (s.Steps < steps && Guard(s.TrainBatch) && (settings.Epochs <= 0 || s.Epoch < settings.Epochs))
            {
            }

            UpdatePictures(s);
            UpdateLink();
        }
    }

    /// <summary>Puts the settings and the steps taken in the page's address (replacing it in the history), so it can be shared.</summary>
    private void UpdateLink()
    {
        string address = new Uri(Navigation.Uri).GetLeftPart(UriPartial.Path) + SettingsLink.Write(settings, session?.Steps ?? 0);
        if (address != Navigation.Uri)
        {
            Navigation.NavigateTo(address, new NavigationOptions { ReplaceHistoryEntry = true });
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (dirty && session is not null && regions is not null)
        {
            dirty = false;
            await DrawRegionsAsync(session, regions);
            if (unitMaps is { Layers: > 0 } maps)
            {
                await JS.InvokeVoidAsync("nablaPlayground.drawUnitMaps", unitMapsElement, maps.Pixels, UnitMaps.Side);
            }
        }
    }

    private void ApplyPreset(Func<Settings> make) => Take(make());

    /// <summary>Starts the run <paramref name="next"/> sets (the uploaded CSV file stays on offer).</summary>
    private void Take(Settings next)
    {
        (next.Csv, next.CsvName) = (settings.Csv, settings.CsvName);
        settings = next;
        Rebuild();
    }

    /// <summary>Takes the run from the chosen seed exercise, as the repository's examples hold it.</summary>
    private void ChooseExercise(ChangeEventArgs e)
    {
        specError = null;
        if (e.Value is string key && SpecFiles.Exercises.FirstOrDefault(x => x.Key == key) is { Label: { } label })
        {
            Take(Settings.FromSpec(SpecFiles.Exercise(key)!, label, key));
        }
    }

    /// <summary>Takes the run from a spec or model file the user chose (what <c>nabla train</c> reads and writes); its problem is shown and nothing else changes.</summary>
    private async Task LoadSpecFileAsync(InputFileChangeEventArgs e)
    {
        specError = null;
        string json;
        try
        {
            await using var stream = e.File.OpenReadStream(SpecFiles.MaxBytes);
            using var reader = new StreamReader(stream);
            json = await reader.ReadToEndAsync();
        }
        catch (IOException)
        {
            specError = $"{e.File.Name} is {e.File.Size:N0} bytes; the playground reads spec and model files of up to {SpecFiles.MaxBytes:N0} bytes.";
            return;
        }

        try
        {
            Take(Settings.FromSpec(json, e.File.Name, exercise: null));
        }
        catch (NablaException problem)
        {
            specError = problem.Message;
        }
    }

    /// <summary>Leaves a loaded spec: the controls set the run again (from the XOR preset).</summary>
    private void UseControls()
    {
        specError = null;
        ApplyPreset(Settings.Presets[0].Make);
    }

    /// <summary>Reads the chosen CSV file's text (up to <see cref="MaxCsvBytes"/>), then its table.</summary>
    private async Task UploadCsvAsync(InputFileChangeEventArgs e)
    {
        csvError = null;
        try
        {
            await using var stream = e.File.OpenReadStream(MaxCsvBytes);
            using var reader = new StreamReader(stream);
            csvText = await reader.ReadToEndAsync();
            csvName = e.File.Name;
        }
        catch (IOException)
        {
            csvError = $"{e.File.Name} is {e.File.Size:N0} bytes; the playground reads CSV files of up to {MaxCsvBytes:N0} bytes.";
            return;
        }

        ReadCsv();
    }

    /// <summary>
    /// The uploaded text through the library's CSV reader (the one <c>nabla train</c> uses); its message,
    /// with the line and column of a bad cell, is shown and nothing else changes.
    /// </summary>
    private void ReadCsv()
    {
        if (csvText is null || csvName is null)
        {
            return;
        }

        csvError = null;
        try
        {
            var table = CsvData.Parse(csvText, csvName, csvLabel.Trim());
            settings.Csv = table.ToClasses();
            settings.CsvName = csvName;
            settings.Dataset = Settings.CsvDataset;
        }
        catch (NablaException e)
        {
            csvError = e.Message;
            return;
        }

        Rebuild();
    }

    private async Task DownloadModelAsync()
    {
        if (session is { } s)
        {
            await JS.InvokeVoidAsync("nablaPlayground.download", "model.json", s.ModelJson(), "application/json");
        }
    }

    private async Task DownloadSpecAsync() =>
        await JS.InvokeVoidAsync("nablaPlayground.download", "spec.json", runSpec, "application/json");

    private Task SaveLossSvgAsync() => SaveAsync("saveSvg", "#loss-curve svg", "loss.svg", $"Loss per epoch, log scale ({RunTitle()})");

    private Task SaveLossPngAsync() => SaveAsync("savePng", "#loss-curve svg", "loss.png", $"Loss per epoch, log scale ({RunTitle()})");

    private Task SaveRegionsPngAsync() => SaveAsync("saveCanvas", "#regions", "regions.png", $"Decision regions ({RunTitle()})");

    private Task SaveDiagramSvgAsync() => SaveAsync("saveSvg", "#diagram svg", "network.svg", $"The network ({RunTitle()})");

    /// <summary>Saves the picture at <paramref name="selector"/> as a file through the page's script; a failure is shown in the page.</summary>
    private async Task SaveAsync(string function, string selector, string name, string title)
    {
        try
        {
            await JS.InvokeVoidAsync("nablaPlayground." + function, selector, name, title);
        }
        catch (JSException e)
        {
            error = $"Could not save {name}: {e.Message}";
        }
    }

    /// <summary>The data set, the layer sizes and the epoch, for a saved picture's title.</summary>
    private string RunTitle()
    {
        string data = settings.IsCsv ? settings.CsvName ?? Settings.CsvDataset : settings.Dataset;
        string layers = session is { } s ? string.Join('-', s.Network.Layers.Select(l => l.Units).Prepend(s.Network.Inputs)) : "";
        return $"Nabla Playground, {data}, {layers} network, epoch {session?.Epoch ?? 0}";
    }

    private void AddLayer()
    {
        settings.Hidden.Add(new LayerSetting { Units = 4, Activation = settings.Hidden.LastOrDefault()?.Activation ?? "tanh" });
        Rebuild();
    }

    private void RemoveLayer(int index)
    {
        settings.Hidden.RemoveAt(index);
        Rebuild();
    }

    private void Reset() => Rebuild();

    /// <summary>Builds a fresh run from the settings (the same seed gives the same run), or shows why it cannot.</summary>
    private void Rebuild()
    {
        running = false;
        stepsPerSecond = null;
        trainingStepsPerSecond = null;
        session = null;
        regions = null;
        unitMaps = null;
        diagram = "";
        error = settings.CheckLimits();
        if (error is not null)
        {
            return;
        }

        try
        {
            runSpec = settings.ToSpec();
            session = Session.Start(runSpec, settings.LoadedName ?? "the playground's spec");
            regions = session.X.Cols == 2 ? new Regions(session.X) : null;
            unitMaps = regions is null ? null : new UnitMaps(session.Network, regions.MinX, regions.MaxX, regions.MinY, regions.MaxY);
            UpdatePictures(session);
        }
        catch (Exception e) when (e is NablaException or ArgumentException or FormatException)
        {
            error = e.Message;
            session = null;
        }

        UpdateLink();
    }

    private async Task StepAsync()
    {
        if (session is not { } s)
        {
            return;
        }

        if (settings.Epochs > 0 && s.Epoch >= settings.Epochs)
        {
            return; // (a run that has had its epochs waits for Reset)
        }

        Guard(s.TrainEpoch);
        UpdatePictures(s);
        UpdateLink();
        await Task.CompletedTask;
    }

    private void StepBatch()
    {
        if (session is not { } s || (settings.Epochs > 0 && s.Epoch >= settings.Epochs))
        {
            return; // (a run that has had its epochs waits for Reset)
        }

        Guard(s.TrainBatch);
        UpdatePictures(s);
        UpdateLink();
    }

    /// <summary>Stops Play; the pictures are redrawn for the weights it stopped at (Play redraws only a few times a second).</summary>
    private void Pause()
    {
        running = false;
        if (session is { } s)
        {
            UpdatePictures(s);
        }
    }

    private async Task PlayAsync()
    {
        if (running || session is not { } s || (settings.Epochs > 0 && s.Epoch >= settings.Epochs))
        {
            return; // (a run that has had its epochs waits for Reset)
        }

        running = true;
        Func<bool> trainBatch = s.TrainBatch; // (one delegate for the whole run: the interpreter pays for each allocation)
        long started = Stopwatch.GetTimestamp(), lastDrawn = started, stepsAtStart = s.Steps, training = 0;
        while (running && ReferenceEquals(s, session))
        {
            long sliceStart = Stopwatch.GetTimestamp(), until = sliceStart + SliceTicks;
            bool going = true;
            do
            {
                // (a few batches between looks at the clock: reading it costs as much as a small step)
                for (int i = 0; i < BatchesBetweenClockReads && going; i++)
                {
                    going = Guard(trainBatch) && (settings.Epochs <= 0 || s.Epoch < settings.Epochs);
                }
            }
            while (going && Stopwatch.GetTimestamp() < until);

            long now = Stopwatch.GetTimestamp();
            training += now - sliceStart;
            stepsPerSecond = (s.Steps - stepsAtStart) / Stopwatch.GetElapsedTime(started, now).TotalSeconds;
            trainingStepsPerSecond = (s.Steps - stepsAtStart) / ((double)training / Stopwatch.Frequency);
            if (!going)
            {
                running = false;
            }

            // Redraw a few times a second, but never let drawing take more than about a fifth of the time.
            bool redraw = !running || now - lastDrawn >= Math.Max(RedrawTicks, 4 * (long)(redrawMilliseconds * Stopwatch.Frequency / 1000));
            if (redraw)
            {
                UpdatePictures(s);
                StateHasChanged();
            }

            await Task.Delay(1); // let the browser paint and handle input
            if (redraw)
            {
                // (the pictures were updated in this round: time the update, the render and the canvas together)
                lastDrawn = Stopwatch.GetTimestamp();
                redrawMilliseconds = Stopwatch.GetElapsedTime(now, lastDrawn).TotalMilliseconds;
            }
        }

        if (ReferenceEquals(s, session))
        {
            UpdateLink(); // (paused or done: the steps taken go into the address)
        }
    }

    /// <summary>Runs <paramref name="train"/>; an exception pauses training and shows its message instead of failing the page.</summary>
    private bool Guard(Func<bool> train)
    {
        try
        {
            return train();
        }
        catch (Exception e) when (e is NablaException or ArgumentException or InvalidOperationException or ArithmeticException)
        {
            error = e.Message;
            running = false;
            return false;
        }
    }

    /// <summary>Measures the accuracies, the hidden units' maps and redraws the diagram; the regions and the maps are drawn after the next render.</summary>
    private void UpdatePictures(Session s)
    {
        s.Refresh();
        unitMaps?.Compute(s.Network);
        var graph = DiagramGraph.Build(s.Shape());
        diagram = SvgDiagram.Write(graph, weightColors: true, unitData: true); // (a click on a unit picks it in the unit panel)
        dirty = true;
    }

    private async Task DrawRegionsAsync(Session s, Regions r)
    {
        // The points go to the page once per run; later frames send only the regions' pixels.
        double[]? points = null;
        int[]? labels = null;
        if (!ReferenceEquals(pointsSentFor, s))
        {
            points = new double[s.X.Rows * 2];
            labels = new int[s.X.Rows];
            for (int i = 0; i < s.X.Rows; i++)
            {
                points[2 * i] = s.X[i, 0];
                points[(2 * i) + 1] = s.X[i, 1];
                labels[i] = Regions.Decide(s.Y.Row(i)).Class;
            }
        }

        await JS.InvokeVoidAsync("nablaPlayground.drawRegions", canvas, r.Pixels(s), Regions.Side, points, labels,
            new[] { r.MinX, r.MaxX, r.MinY, r.MaxY }, Regions.ClassColors);
        pointsSentFor = s;
    }

    private static string Rate(double? perSecond) => perSecond is double r && double.IsFinite(r) ? r.ToString("N0", CultureInfo.InvariantCulture) : "–";

    private static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static string Percent(double fraction) => (100 * fraction).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
