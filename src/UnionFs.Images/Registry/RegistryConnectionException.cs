namespace UnionFs.Images.Registry;

/// <summary>
/// A request that got no answer: the connection could not be made, or closed before the response's headers came.
/// Blob reads send such a request again, as they resume a dropped body; to every other caller it is a
/// <see cref="RegistryException"/> like any other.
/// </summary>
internal sealed class RegistryConnectionException(string message, Exception innerException)
    : RegistryException(message, innerException);
