using System.Globalization;
using ScottPlot;

namespace UnionFs.Benchmarks.Report;

/// <summary>
/// The chart of lookup cost against layer count (1 to 64 lowers) for UnionFs and the kernel overlay, present and
/// missing names. Both axes are logarithmic (powers of two across, decades up), drawn by ScottPlot into a PNG.
/// </summary>
public static class LookupChart
{
    private static readonly (string Method, string Label, string Color, LinePattern Pattern, MarkerShape Marker)[] Series =
    [
        ("UnionFileExists", "UnionFs, present file", "#1f77b4", LinePattern.Solid, MarkerShape.FilledCircle),
        ("UnionMissingExists", "UnionFs, missing name", "#1f77b4", LinePattern.Dashed, MarkerShape.OpenSquare),
        ("KernelFileExists", "kernel overlay, present file", "#d62728", LinePattern.Solid, MarkerShape.FilledCircle),
        ("KernelMissingExists", "kernel overlay, missing name", "#d62728", LinePattern.Dashed, MarkerShape.OpenSquare),
    ];

    /// <summary>The layer counts on the x axis.</summary>
    public static readonly int[] LayerCounts = [1, 2, 4, 8, 16, 32, 64];

    /// <summary>Draws the chart into <paramref name="path"/>; false (and nothing written) when there is nothing to draw.</summary>
    public static bool Write(BenchmarkData data, string path)
    {
        ArgumentNullException.ThrowIfNull(data);
        var plot = new Plot();
        var all = new List<double>();
        foreach (var (method, label, color, pattern, marker) in Series)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            foreach (var count in LayerCounts)
            {
                if (data.Mean("LookupBenchmarks", method, ("LowerCount", count)) is not { } mean || mean <= 0) continue;
                xs.Add(Math.Log2(count));
                ys.Add(Math.Log10(mean));
                all.Add(mean);
            }
            if (xs.Count == 0) continue;
            var scatter = plot.Add.Scatter(xs.ToArray(), ys.ToArray());
            scatter.LegendText = label;
            scatter.Color = Color.FromHex(color);
            scatter.LinePattern = pattern;
            scatter.LineWidth = 2;
            scatter.MarkerSize = 8;
            scatter.MarkerShape = marker;
        }
        if (all.Count == 0) return false;

        plot.Axes.Bottom.SetTicks([.. LayerCounts.Select(c => Math.Log2(c))], [.. LayerCounts.Select(c => c.ToString(CultureInfo.InvariantCulture))]);
        var (positions, labels) = TimeTicks(all.Min(), all.Max());
        plot.Axes.Left.SetTicks(positions, labels);
        plot.Axes.SetLimitsX(-0.3, Math.Log2(LayerCounts[^1]) + 0.3);
        plot.Axes.SetLimitsY(Math.Log10(all.Min()) - 0.15, Math.Log10(all.Max()) + 0.15);
        plot.Title("File.Exists cost against the number of lower layers");
        plot.XLabel("lower layers (the file is in the bottom one)");
        plot.YLabel("time per lookup (log scale)");
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, 1000, 520);
        return true;
    }

    /// <summary>Ticks at 1, 2 and 5 times each power of ten between the extremes (every multiple when that gives too few), labelled as times.</summary>
    private static (double[] Positions, string[] Labels) TimeTicks(double min, double max)
    {
        var ticks = TimeTicks(min, max, [1, 2, 5]);
        return ticks.Positions.Length >= 4 ? ticks : TimeTicks(min, max, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }

    private static (double[] Positions, string[] Labels) TimeTicks(double min, double max, int[] steps)
    {
        var positions = new List<double>();
        var labels = new List<string>();
        for (var exponent = (int)Math.Floor(Math.Log10(min)) - 1; exponent <= (int)Math.Ceiling(Math.Log10(max)) + 1; exponent++)
        {
            foreach (var step in steps)
            {
                var value = step * Math.Pow(10, exponent);
                if (value < min / 1.5 || value > max * 1.5) continue;
                positions.Add(Math.Log10(value));
                labels.Add(Format.Time(value).Replace(".0 ", " ", StringComparison.Ordinal).Replace(".00 ", " ", StringComparison.Ordinal).Replace(".000 ", " ", StringComparison.Ordinal));
            }
        }
        return (positions.ToArray(), labels.ToArray());
    }
}
