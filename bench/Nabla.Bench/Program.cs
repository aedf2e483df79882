using System.Globalization;
using BenchmarkDotNet.Running;
using Nabla.Bench;
using Nabla.Tensors;

// dotnet run -c Release --project bench/Nabla.Bench -- compare [--quick] [names…]
//     prints "NABLA <name> <value>" per workload and "PEAK float|double|float1|double1 <GFLOP/s>" (all threads, one thread) (bench/compare.sh reads these)
// dotnet run -c Release --project bench/Nabla.Bench -- onnx [--quick]: see OnnxComparison
// dotnet run -c Release --project bench/Nabla.Bench -- [BenchmarkDotNet arguments, e.g. --filter '*Gemm*']
if (args.Length > 0 && args[0] == "compare")
{
    bool quick = args.Contains("--quick");
    var names = args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
    var inv = CultureInfo.InvariantCulture;
    Console.WriteLine($"INFO threads={Gemm.Threads} kernel={Gemm.Width}");
    if (names.Length == 0 || names.Contains("peak"))
    {
        // (all threads, then one: how much the second thread adds tells how the threads are placed on cores)
        Console.WriteLine(string.Create(inv, $"PEAK float {FmaProbe.PeakGflops(true, Gemm.Threads):F1}"));
        Console.WriteLine(string.Create(inv, $"PEAK double {FmaProbe.PeakGflops(false, Gemm.Threads):F1}"));
        Console.WriteLine(string.Create(inv, $"PEAK float1 {FmaProbe.PeakGflops(true, 1):F1}"));
        Console.WriteLine(string.Create(inv, $"PEAK double1 {FmaProbe.PeakGflops(false, 1):F1}"));
    }

    foreach (var name in Workloads.Names.Where(n => names.Length == 0 || names.Contains(n)))
    {
        Console.WriteLine(string.Create(inv, $"NABLA {name} {Workloads.Run(name, quick):G6}"));
    }

    return;
}

// dotnet run -c Release --project bench/Nabla.Bench -- onnx [--quick]
//     Network.Predict against ONNX Runtime on the same exported model, each in processes of its own, taking turns
if (args.Length > 0 && args[0] == "onnx")
{
    OnnxComparison.Run(args.Contains("--quick"));
    return;
}

// (the child process of `onnx`: one engine, one case)
if (args.Length == 3 && args[0] == "onnx-engine")
{
    OnnxComparison.RunEngine(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Workloads).Assembly).Run(args);
