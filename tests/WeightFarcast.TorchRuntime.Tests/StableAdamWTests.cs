using TorchSharp;
using WeightFarcast.TorchRuntime.Optimizers;
using static TorchSharp.torch;

namespace WeightFarcast.TorchRuntime.Tests;

/// <summary>StableAdam.AdamW must follow torch.optim.AdamW step for step, also when the rate changes between steps.</summary>
public class StableAdamWTests
{
    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.1, false)]
    [InlineData(0.1, true)]
    public void Matches_torchsharp_adamw_over_many_steps(double weightDecay, bool changeRate)
    {
        TorchEnvironment.EnsureLoaded();
        using var scope = NewDisposeScope();
        var x = randn(64, 5, generator: new Generator(1));
        var y = randn(64, 2, generator: new Generator(2));
        var ours = nn.Parameter(randn(5, 2, generator: new Generator(3)));
        var theirs = nn.Parameter(ours.detach().clone());
        using var stable = StableAdam.AdamW([ours], 0.01, weightDecay);
        using var reference = optim.AdamW([theirs], 0.01, weight_decay: weightDecay);
        for (var step = 0; step < 50; step++)
        {
            if (changeRate)
            {
                var rate = 0.02 * (step + 1) / 50.0;
                stable.LearningRate = rate;
                foreach (var group in reference.ParamGroups)
                    group.LearningRate = rate;
            }
            stable.ZeroGrad();
            nn.functional.mse_loss(x.mm(ours), y).backward();
            stable.Step();
            reference.zero_grad();
            nn.functional.mse_loss(x.mm(theirs), y).backward();
            reference.step();
        }
        var difference = (ours - theirs).abs().max().item<float>();
        Assert.True(difference < 1e-5f, $"max |ours - torch AdamW| = {difference}");
        Assert.True((ours - randn(5, 2, generator: new Generator(3))).abs().max().item<float>() > 1e-2f, "the parameters moved");
    }

    [Fact]
    public void Decoupled_decay_differs_from_adams_l2_decay()
    {
        TorchEnvironment.EnsureLoaded();
        using var scope = NewDisposeScope();
        var x = randn(64, 5, generator: new Generator(1));
        var y = randn(64, 2, generator: new Generator(2));
        var decoupled = nn.Parameter(randn(5, 2, generator: new Generator(3)));
        var coupled = nn.Parameter(decoupled.detach().clone());
        using var adamW = StableAdam.AdamW([decoupled], 0.01, 0.5);
        using var adam = new StableAdam([coupled], 0.01, weightDecay: 0.5);
        for (var step = 0; step < 20; step++)
        {
            adamW.ZeroGrad();
            nn.functional.mse_loss(x.mm(decoupled), y).backward();
            adamW.Step();
            adam.ZeroGrad();
            nn.functional.mse_loss(x.mm(coupled), y).backward();
            adam.Step();
        }
        Assert.True((decoupled - coupled).abs().max().item<float>() > 1e-4f);
    }
}
