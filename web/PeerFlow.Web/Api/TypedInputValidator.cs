using FluentValidation;
using FluentValidation.Results;
using PeerFlow.Domain.Text;

namespace PeerFlow.Web.Api;

/// <summary><see cref="TypedInput"/>'s checks as rules, included first in every request's validator.</summary>
public sealed class TypedInputValidator<T> : AbstractValidator<T>
{
    public TypedInputValidator() =>
        RuleFor(input => input).Custom((input, context) =>
        {
            foreach (var (field, message) in TypedInput.Problems(input))
            {
                context.AddFailure(new ValidationFailure(field, message));
            }
        });
}

public static class TypedInputChecks
{
    /// <summary>For requests with no validator of their own: an outcome with each problem, or null when there are none.</summary>
    public static Actions.ActionOutcome? Check<T>(T input) =>
        new TypedInputValidator<T>().Validate(input) is { IsValid: false } invalid ? Actions.ActionOutcome.Invalid(invalid) : null;
}
