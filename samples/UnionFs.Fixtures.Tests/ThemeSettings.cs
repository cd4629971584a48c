using System.IO.Abstractions;

namespace UnionFs.Samples.Fixtures;

/// <summary>The code under test: it only knows <see cref="IFileSystem"/>, so a union can stand in for the disk.</summary>
public sealed class ThemeSettings(IFileSystem fileSystem)
{
    private const string ConfigPath = "/config/theme.txt";

    /// <summary>The active theme's name.</summary>
    public string Current => fileSystem.File.ReadAllText(ConfigPath).Trim();

    /// <summary>Makes <paramref name="theme"/> the active theme; it must exist under <c>/themes</c>.</summary>
    public void Switch(string theme)
    {
        if (!fileSystem.File.Exists($"/themes/{theme}.css")) throw new ArgumentException($"No theme '{theme}'.", nameof(theme));
        fileSystem.File.WriteAllText(ConfigPath, theme);
    }

    /// <summary>Deletes every theme but the active one.</summary>
    public void Prune()
    {
        foreach (var css in fileSystem.Directory.GetFiles("/themes", "*.css"))
            if (fileSystem.Path.GetFileNameWithoutExtension(css) != Current) fileSystem.File.Delete(css);
    }
}
