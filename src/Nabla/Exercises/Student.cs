namespace Nabla.Exercises;

/// <summary>One student of a class: the id from the roster (or a number), a name to print, and the folder their files go in.</summary>
public sealed record Student(string Id, string Name, string Folder);
