namespace UnionFs.Tests.Properties.Model;

/// <summary>What a name of the model holds.</summary>
public enum ModelKind
{
    File,
    Directory,
    Link,
}
