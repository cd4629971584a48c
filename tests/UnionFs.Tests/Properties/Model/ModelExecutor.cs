namespace UnionFs.Tests.Properties.Model;

/// <summary>Calls the System.IO member an operation names, on a <see cref="ModelWorld"/>, with its paths mapped.</summary>
public static class ModelExecutor
{
    /// <summary>Runs <paramref name="op"/>; returns what it threw, or null.</summary>
    public static Exception? Run(ModelWorld world, ModelOp op)
    {
        var fs = world.Fs;
        try
        {
            switch (op)
            {
                case ModelOp.WriteAllText w: fs.File.WriteAllText(world.Map(w.Path), w.Content); break;
                case ModelOp.AppendAllText a: fs.File.AppendAllText(world.Map(a.Path), a.Content); break;
                case ModelOp.Truncate t: fs.File.Open(world.Map(t.Path), FileMode.Truncate).Dispose(); break;
                case ModelOp.DeleteFile d: fs.File.Delete(world.Map(d.Path)); break;
                case ModelOp.CreateDirectory c: fs.Directory.CreateDirectory(world.Map(c.Path)); break;
                case ModelOp.DeleteDirectory d: fs.Directory.Delete(world.Map(d.Path), d.Recursive); break;
                case ModelOp.MoveFile m: fs.File.Move(world.Map(m.Source), world.Map(m.Destination), m.Overwrite); break;
                case ModelOp.MoveDirectory m: fs.Directory.Move(world.Map(m.Source), world.Map(m.Destination)); break;
                case ModelOp.CopyFile c: fs.File.Copy(world.Map(c.Source), world.Map(c.Destination), c.Overwrite); break;
                case ModelOp.CreateSymbolicLink l: fs.File.CreateSymbolicLink(world.Map(l.Path), world.Map(l.Target)); break;
                case ModelOp.SetLastWriteTime t: fs.File.SetLastWriteTimeUtc(world.Map(t.Path), t.TimeUtc); break;
                case ModelOp.SetAttributes s: fs.File.SetAttributes(world.Map(s.Path), FileAttributes.Normal); break;
                default: throw new ArgumentOutOfRangeException(nameof(op), op, null);
            }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e;
        }
    }
}
