using System.Net;

namespace UnionFs.Images;

/// <summary>
/// A registry could not be reached, refused the credentials, or does not have what was asked for. The message
/// names the host and, where the registry said why, its error code (<c>MANIFEST_UNKNOWN</c>, <c>UNAUTHORIZED</c>).
/// </summary>
public class RegistryException : IOException
{
    /// <summary>Creates an exception with a default message.</summary>
    public RegistryException()
        : this("The registry request failed.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public RegistryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying network error.</param>
    public RegistryException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception about one HTTP answer.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="statusCode">The status the registry answered.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public RegistryException(string message, HttpStatusCode? statusCode, Exception? innerException = null)
        : base(message, innerException) => StatusCode = statusCode;

    /// <summary>The HTTP status the registry answered; null when no answer came (connection refused or dropped).</summary>
    public HttpStatusCode? StatusCode { get; }
}
