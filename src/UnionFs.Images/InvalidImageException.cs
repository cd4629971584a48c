namespace UnionFs.Images;

/// <summary>
/// An image, a layer or one of its entries is malformed, unsupported or does not match its digest. The
/// message names the layer and the entry; so do <see cref="Layer"/> and <see cref="Entry"/>. Nothing was
/// written anywhere when this is thrown (a temporary decompression store is removed again).
/// </summary>
public class InvalidImageException : IOException
{
    /// <summary>Creates an exception with a message.</summary>
    public InvalidImageException()
        : this("The image is invalid.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public InvalidImageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that revealed the problem.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying error (a tar, compression or JSON error).</param>
    public InvalidImageException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception about one layer and, optionally, one of its entries.</summary>
    /// <param name="layer">The layer: its digest, its path in the image or the file it was opened from.</param>
    /// <param name="entry">The entry name as written in the tar, or null when the problem is not one entry's.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public InvalidImageException(string? layer, string? entry, string problem, Exception? innerException = null)
        : base(Format(layer, entry, problem), innerException)
    {
        Layer = layer;
        Entry = entry;
    }

    /// <summary>The layer (digest, path in the image or file) the problem is in; null when it is the image's.</summary>
    public string? Layer { get; }

    /// <summary>The entry name as written in the tar; null when the problem is not one entry's.</summary>
    public string? Entry { get; }

    private static string Format(string? layer, string? entry, string problem)
    {
        var where = (layer, entry) switch
        {
            (null, null) => "Invalid image",
            (_, null) => $"Invalid layer '{layer}'",
            (null, _) => $"Invalid image entry '{entry}'",
            _ => $"Invalid layer '{layer}', entry '{entry}'",
        };
        return $"{where}: {problem}";
    }
}
