// The books/computers/sports example of overlayfs, in memory: two layers, one merged view.
using UnionFs;
using UnionFs.Demo;

var lower = Layer("lower",
    "/books/c", "/books/java",
    "/computers/huawei", "/computers/lenove", "/computers/macpro",
    "/README.txt",
    "/sports/fishing", "/sports/football", "/sports/running");

var upper = Layer("upper",
    "/books/c", "/books/golang",
    "/cities/beijing", "/cities/shanghai", "/cities/shenzhen",
    "/README.txt",
    "/sports/basketball", "/sports/football", "/sports/running");

// mount -t overlay overlay -o lowerdir=lower,upperdir=upper,workdir=work merged
var fs = new UnionFileSystem(upper, lower);

TreePrinter.PrintBranch("lower/", lower);
TreePrinter.PrintBranch("upper/", upper);
TreePrinter.PrintMerged("merged/", fs);

Console.WriteLine("$ cat merged/README.txt                           # in both layers: the upper one wins");
Console.Write(fs.File.ReadAllText("/README.txt"));
Console.WriteLine();

Console.WriteLine("$ rm merged/computers/huawei                      # lower file: leaves a whiteout in the upper");
fs.File.Delete("/computers/huawei");

Console.WriteLine("$ echo \"second edition\" >> merged/books/java      # lower file: copied up, then changed");
fs.File.AppendAllText("/books/java", "second edition\n");

Console.WriteLine("$ rm -r merged/sports && mkdir merged/sports && touch merged/sports/chess");
Console.WriteLine("                                                  # re-created directory: opaque, hides the lower one");
fs.Directory.Delete("/sports", recursive: true);
fs.Directory.CreateDirectory("/sports");
fs.File.WriteAllText("/sports/chess", string.Empty);
Console.WriteLine();

TreePrinter.PrintMerged("merged/", fs);

Console.WriteLine("$ cat merged/books/java");
Console.Write(fs.File.ReadAllText("/books/java"));
Console.WriteLine("$ cat lower/books/java                            # the lower branch is never modified");
using (var reader = new StreamReader(lower.OpenRead("/books/java")))
{
    Console.Write(reader.ReadToEnd());
}

Console.WriteLine();

Console.WriteLine("changes (like `docker diff`):");
foreach (var change in fs.GetChanges())
{
    Console.WriteLine($"  {change}");
}

Console.WriteLine();

TreePrinter.PrintBranch("upper/ now holds:", upper);

// A union with no lowers writes straight into its upper branch: a handy way to fill a layer.
static MemoryBranch Layer(string name, params string[] files)
{
    var branch = new MemoryBranch();
    var layer = new UnionFileSystem(branch);
    foreach (var file in files)
    {
        layer.Directory.CreateDirectory(layer.Path.GetDirectoryName(file)!);
        layer.File.WriteAllText(file, $"{layer.Path.GetFileName(file)} ({name})\n");
    }

    return branch;
}
