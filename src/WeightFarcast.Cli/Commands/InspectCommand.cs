using System.CommandLine;
using WeightFarcast.Checkpoints.Inspection;
using WeightFarcast.Checkpoints.Trajectories;
using WeightFarcast.Job.Planning;

namespace WeightFarcast.Cli.Commands;

/// <summary>`inspect`: what is in a checkpoint (every tensor with its statistics) or a trajectory (its steps and
/// whether they agree): the first thing users reach for when something looks wrong.</summary>
internal static class InspectCommand
{
    public static Command Create(CliContext context)
    {
        var target = new Argument<string>("path") { Description = "A checkpoint file or folder, or a trajectory: a pattern with {step} or a folder of checkpoint-<step>/ directories." };
        var json = new Option<bool>("--json") { Description = "Print JSON: {path, format, metadata, tensors:[{name, dtype, shape, bytes, min, max, mean, std, sum, nan, inf}]} (trajectories: {steps, consistent, mismatches, reference})." };
        var command = new Command("inspect", "Show a checkpoint's format, metadata and every tensor's statistics (one streaming pass), or a trajectory's steps and consistency.") { target, json };
        command.SetAction(parse =>
        {
            var path = context.ResolvePath(parse.GetValue(target)!);
            var asJson = parse.GetValue(json);
            if (IsTrajectory(path))
            {
                var inspection = CheckpointInspector.Inspect(Trajectory.Discover(path));
                context.Out.WriteLine(asJson ? InspectionJson.Serialize(inspection) : InspectionText.Format(inspection));
                return (int)(inspection.Consistent ? ExitCode.Success : ExitCode.CheckpointMismatch);
            }
            if (!File.Exists(path) && !Directory.Exists(path))
                throw new JobInputException($"{path} does not exist", path);
            var checkpoint = CheckpointInspector.Inspect(path);
            context.Out.WriteLine(asJson ? InspectionJson.Serialize(checkpoint) : InspectionText.Format(checkpoint));
            return (int)ExitCode.Success;
        });
        return command;
    }

    // A {step} pattern, or a folder whose children are Trainer-style checkpoint-<step>/ folders.
    private static bool IsTrajectory(string path) =>
        path.Contains(Trajectory.StepPlaceholder, StringComparison.Ordinal)
        || (Directory.Exists(path) && Directory.EnumerateDirectories(path, "checkpoint-*").Any());
}
