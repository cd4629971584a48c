using System.Globalization;
using UnionFs.Conformance.Tests.Infrastructure;

namespace UnionFs.Conformance.Tests.Behaviour;

/// <summary>
/// Random sequences of stream calls (writes, reads, single bytes, seeks, lengths, flushes) on one buffered handle,
/// with a second handle reading the whole file now and then: every answer, and what the file holds at each look,
/// must be what a real <see cref="FileStream"/> gives. The look shows when buffered bytes reach the file, which is
/// what the union's own buffer must get right. Each seed is one fixed sequence, so a failure replays.
/// </summary>
public class FileStreamSequenceTests(UnionConfiguration configuration) : ConformanceTestBase(configuration)
{
    private const int Steps = 60;

    private static IEnumerable<TestCaseData> Sequences() =>
        from bufferSize in new[] { 1, 7, 4096 }
        from seed in Enumerable.Range(1, 16)
        select new TestCaseData(seed, bufferSize).SetName($"Sequence_{seed}_Buffer{bufferSize}");

    [TestCaseSource(nameof(Sequences))]
    public void RandomCalls_ShouldAnswerAsFileStream(int seed, int bufferSize) => AssertConforms(s =>
    {
        var random = new Random(seed);
        var path = s.At("f.txt");
        var log = new List<string>();
        using var stream = s.FileSystem.FileStream.New(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize);
        for (var step = 0; step < Steps; step++)
        {
            var (name, call) = NextCall(random, stream, s, path);
            log.Add($"{step} {name}: {Try(call)}");
        }
        return log;
    });

    /// <summary>One call, chosen and given its arguments by <paramref name="random"/>.</summary>
    private static (string Name, Func<string> Call) NextCall(Random random, Stream stream, Subject s, string path)
    {
        switch (random.Next(10))
        {
            case 0:
            case 1:
            {
                var bytes = Bytes(random, random.Next(0, 20));
                return ($"write {bytes.Length}", () => { stream.Write(bytes); return "ok"; });
            }
            case 2:
            {
                var count = random.Next(0, 24);
                return ($"read {count}", () =>
                {
                    var buffer = new byte[count];
                    var read = stream.Read(buffer);
                    return Convert.ToHexString(buffer, 0, read);
                });
            }
            case 3:
                return ("read byte", () => stream.ReadByte().ToString(CultureInfo.InvariantCulture));
            case 4:
            {
                var value = (byte)random.Next(256);
                return ($"write byte {value}", () => { stream.WriteByte(value); return "ok"; });
            }
            case 5:
            {
                var origin = (SeekOrigin)random.Next(3);
                var offset = random.Next(-12, 16);
                return ($"seek {offset} from {origin}", () => stream.Seek(offset, origin).ToString(CultureInfo.InvariantCulture));
            }
            case 6:
                return ("position and length", () => string.Create(CultureInfo.InvariantCulture, $"{stream.Position} {stream.Length}"));
            case 7:
            {
                var length = random.Next(0, 30);
                return ($"set length {length}", () => { stream.SetLength(length); return "ok"; });
            }
            case 8:
                return ("flush", () => { stream.Flush(); return "ok"; });
            default:
                return ("look", () => Look(s, path));
        }
    }

    /// <summary>What the file holds now, read through a handle of its own.</summary>
    private static string Look(Subject s, string path)
    {
        using var reader = s.FileSystem.FileStream.New(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var copy = new MemoryStream();
        reader.CopyTo(copy);
        return Convert.ToHexString(copy.ToArray());
    }

    private static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Try(Func<string> call)
    {
        try
        {
            return call();
        }
        catch (Exception e)
        {
            return Outcome.RenderException(e);
        }
    }
}
