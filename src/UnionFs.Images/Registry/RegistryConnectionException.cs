namespace UnionFs.Images.Registry;

/// <summary>
/// A request that got no answer: the connection could not be made, or closed before the response's headers came.
/// Blob reads send such a request again, as they resume a dropped body; every other caller sees a plain
/// <see cref="RegistryException"/>.
/// </summary>
internal sealed class RegistryConnectionException(string message, Exception innerException)
    : RegistryException(message, innerException);
