using DrrsGateway.TestSupport;

namespace DrrsGateway.UnitTests;

/// <summary>
/// The unit tests mirror src/DrrsGateway: the tests of <c>Folder/Thing.cs</c> are <c>Folder/ThingTests.cs</c>,
/// so whoever changes a file finds its tests without searching, and a move of one shows in the other.
/// </summary>
public sealed class TestLayoutTests
{
    [Fact]
    public void Each_unit_test_file_sits_in_the_folder_of_the_source_file_it_is_named_after()
    {
        var source = RepositoryFiles.PathOf("src/DrrsGateway");
        var tests = RepositoryFiles.PathOf("tests/DrrsGateway.UnitTests");
        var sourceFolders = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(source, path))
            .ToLookup(Path.GetFileNameWithoutExtension, path => Path.GetRelativePath(source, Path.GetDirectoryName(path)!));

        var misplaced = Directory.EnumerateFiles(tests, "*Tests.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(tests, path))
            .Select(path => (Test: Path.GetRelativePath(tests, path), Subject: Path.GetFileNameWithoutExtension(path)[..^"Tests".Length]))
            .Where(test => sourceFolders[test.Subject].Any()
                && !sourceFolders[test.Subject].Contains(Path.GetDirectoryName(test.Test) is { Length: > 0 } folder ? folder : "."))
            .Select(test => $"{test.Test} (its subject is in {string.Join(", ", sourceFolders[test.Subject])})")
            .ToArray();

        Assert.Empty(misplaced);
    }

    private static bool IsBuildOutput(string root, string path) =>
        Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar) is var parts && (parts.Contains("bin") || parts.Contains("obj"));
}
