"""Accounting: revenue recognition and a clean month-end close."""

from __future__ import annotations

from bitewise.demo.content.specs import (
    ChoiceSpec,
    LessonSpec,
    QuestionSpec,
)

REVENUE_LESSONS: tuple[LessonSpec, ...] = (
    LessonSpec(
        slug="five-step-revenue-model",
        title="The five-step revenue model",
        kind="text",
        minutes=6,
        summary="ASC 606 and IFRS 15 in five steps, with a bundled contract worked through.",
        skills=("revenue-recognition",),
        body="""\
ASC 606 (US GAAP) and IFRS 15 share one model for revenue from contracts with customers.
It has five steps, and most disagreements about revenue turn out to be about one of them.

1. **Identify the contract.** An agreement that creates enforceable rights, with
   commercial substance, where collecting the consideration is probable.
2. **Identify the performance obligations.** Each promise to transfer a *distinct* good or
   service: one the customer can benefit from on its own (or with resources readily
   available), and that is separately identifiable from the other promises.
3. **Determine the transaction price.** What you expect to be entitled to, including
   estimated variable consideration (discounts, bonuses, usage fees), constrained so a
   significant reversal is not probable.
4. **Allocate the price** to the performance obligations in proportion to their standalone
   selling prices.
5. **Recognize revenue** when, or as, each obligation is satisfied: over time, or at the
   point in time control passes.

## A worked example

A firm sells a one-year analytics subscription with a one-day training workshop for a
single price of **$12,600**. Sold separately, the subscription goes for $12,000 and the
workshop for $1,800, so together they would cost $13,800.

| Obligation | Standalone price | Share | Allocated |
| --- | ---: | ---: | ---: |
| Subscription | $12,000 | 86.96% | $10,956.52 |
| Workshop | $1,800 | 13.04% | $1,643.48 |
| **Total** | **$13,800** | | **$12,600.00** |

The workshop revenue ($1,643.48) is recognized when the workshop is delivered. The
subscription revenue is recognized over the year, about $913.04 a month. If the customer
paid the full $12,600 on signing, the unearned part sits on the balance sheet as a
contract liability (deferred revenue) until it is earned.
""",
    ),
    # Members only: a lesson of its own, not a range of the shared demo recording. Access to
    # a stored recording goes by file (whoever may open any lesson playing it may fetch it),
    # so a closed micro-credential never plays part of an open one's recording.
    LessonSpec(
        slug="webinar-one-contract-five-steps",
        title="One contract, five steps",
        kind="text",
        minutes=3,
        summary="A controller walks a real-world style services contract through the model.",
        skills=("revenue-recognition",),
        body="""A controller takes a managed-services contract with an implementation phase and a
performance bonus through all five steps.

### Key points

- The implementation phase was *not* a separate obligation: it only set up the service
  and gave the customer nothing usable on its own.
- The performance bonus is variable consideration; only the amount that is not likely to
  reverse goes into the transaction price.
- The monthly service is satisfied over time, because the customer consumes it as it is
  delivered.
- Documenting the judgment at each step is what makes the answer defensible at audit.
""",
    ),
    LessonSpec(
        slug="over-time-or-point-in-time",
        title="Over time or at a point in time?",
        kind="text",
        minutes=5,
        summary="The three tests for recognizing revenue over time, and what to do otherwise.",
        skills=("revenue-recognition",),
        body="""\
Step 5 asks *when* a performance obligation is satisfied. The standards answer with a
test: revenue is recognized **over time** if at least one of these is true.

1. **The customer receives and consumes the benefit as you perform.** Cleaning, payroll
   processing, a software subscription: if you stopped halfway, another provider would not
   need to redo the work already done.
2. **Your work creates or enhances an asset the customer controls as it is built,** such
   as a building extension on the customer's own land.
3. **Your work creates an asset with no alternative use to you, and you have an enforceable
   right to payment for the work done so far.** A custom machine that only this customer
   can use, under a contract that pays for work to date if the customer cancels.

If none of the three applies, revenue is recognized at the **point in time** control
passes. Indicators that control has passed include:

- a present right to payment,
- legal title,
- physical possession,
- the significant risks and rewards of ownership,
- the customer's acceptance.

## Measuring progress

For obligations satisfied over time, you still have to measure how far along you are. An
*output* method (units delivered, milestones reached) or an *input* method (costs incurred,
hours worked relative to the total expected) may fit. Pick the one that best shows the
transfer of control, and apply it consistently to similar contracts.

**Common trap:** when cash arrives has no bearing on when revenue is earned. A large
upfront payment is a contract liability until you perform.
""",
    ),
    LessonSpec(
        slug="check-revenue-recognition",
        title="Check your understanding: revenue recognition",
        kind="quiz",
        minutes=5,
        summary="Four questions on the five steps, allocation and timing.",
        skills=("revenue-recognition",),
        body="Answer each question; the explanations show the reasoning.",
        questions=(
            QuestionSpec(
                kind="single",
                prompt=(
                    "At which step do you split the transaction price using standalone "
                    "selling prices?"
                ),
                choices=(
                    ChoiceSpec(
                        "Step 2: identify the performance obligations",
                        "Step 2 finds the promises; it does not put a price on them.",
                    ),
                    ChoiceSpec(
                        "Step 3: determine the transaction price",
                        "Step 3 fixes the total; the split comes next.",
                    ),
                    ChoiceSpec(
                        "Step 4: allocate the transaction price",
                        "Right: allocation uses relative standalone selling prices.",
                        correct=True,
                    ),
                    ChoiceSpec(
                        "Step 5: recognize revenue",
                        "Step 5 is about timing, once each obligation has its amount.",
                    ),
                ),
            ),
            QuestionSpec(
                kind="multiple",
                prompt=(
                    "Which of these are tests for recognizing revenue over time? "
                    "Select all that apply."
                ),
                choices=(
                    ChoiceSpec(
                        "The customer receives and consumes the benefit as you perform",
                        "Yes: this is the first test, typical of services.",
                        correct=True,
                    ),
                    ChoiceSpec(
                        "Your work creates or enhances an asset the customer controls",
                        "Yes: this is the second test.",
                        correct=True,
                    ),
                    ChoiceSpec(
                        "The customer has paid a deposit",
                        "No: when cash is received does not decide when revenue is earned.",
                    ),
                    ChoiceSpec(
                        "The asset has no alternative use to you and you have an enforceable "
                        "right to payment for work to date",
                        "Yes: both halves together make the third test.",
                        correct=True,
                    ),
                ),
            ),
            QuestionSpec(
                kind="true_false",
                prompt="Receiving cash up front means the revenue can be recognized at once.",
                choices=(
                    ChoiceSpec(
                        "True",
                        "No: cash received before you perform is a contract liability.",
                    ),
                    ChoiceSpec(
                        "False",
                        "Correct: revenue follows performance, not payment.",
                        correct=True,
                    ),
                ),
            ),
            QuestionSpec(
                kind="single",
                prompt=(
                    "A $9,000 bundle holds two distinct promises with standalone prices of "
                    "$8,000 and $2,000. How much is allocated to the $2,000 promise?"
                ),
                choices=(
                    ChoiceSpec(
                        "$1,800",
                        "Right: $9,000 x 2,000 / 10,000 = $1,800.",
                        correct=True,
                    ),
                    ChoiceSpec(
                        "$2,000",
                        "That ignores the bundle discount, which is shared in proportion.",
                    ),
                    ChoiceSpec(
                        "$1,000",
                        "That puts the whole $1,000 discount on the smaller promise.",
                    ),
                    ChoiceSpec(
                        "$4,500",
                        "An even split ignores the standalone prices.",
                    ),
                ),
            ),
        ),
    ),
)

CLOSE_LESSONS: tuple[LessonSpec, ...] = (
    LessonSpec(
        slug="reconciliations-that-catch-errors",
        title="Reconciliations that catch real errors",
        kind="text",
        minutes=5,
        summary="What separates a reconciliation that finds problems from one that hides them.",
        skills=("month-end-close",),
        body="""\
A reconciliation compares the balance in your ledger with evidence from somewhere else
and explains every difference. Done well, it is the cheapest control in accounting. Done
badly, it is a page that makes a wrong number look reviewed.

## Reconcile to something independent

The stronger the source, the more the reconciliation proves:

- **Cash:** the bank statement, obtained from the bank, not a spreadsheet of expected
  payments.
- **Receivables and payables:** the subledger, and for key balances, customer or supplier
  statements.
- **Fixed assets:** the asset register, with additions tied to invoices.
- **Accruals and prepayments:** a schedule showing how each balance was calculated.

## Explain every reconciling item

Timing differences (a deposit in transit, a cheque not yet presented) are normal and should
clear next month. Anything else needs a cause and an owner. Watch for:

- items older than 60 or 90 days that nobody has cleared,
- a line called "unidentified difference" or "suspense",
- round numbers that recur month after month,
- differences that are always just under a review threshold.

## Make review mean something

The reviewer should be someone other than the preparer, should check the source document
and not only the arithmetic, and should sign and date the reconciliation. A reconciliation
reviewed after the books are closed and reported has found its problems too late to help.
""",
    ),
    LessonSpec(
        slug="accruals-and-cut-off",
        title="Accruals and cut-off",
        kind="text",
        minutes=4,
        summary="Recording costs in the month they were incurred, with a worked journal.",
        skills=("month-end-close",),
        body="""\
Accrual accounting records an expense in the period the goods or services were received,
whatever the date on the invoice. Cut-off is the discipline of getting that boundary right
at each month end.

## A worked accrual

A consultant works for you during the last two weeks of June. Their invoice for $6,000
arrives on 10 July, after the June books should be closed.

**30 June**, accrue the cost:

| Account | Debit | Credit |
| --- | ---: | ---: |
| Professional fees expense | 6,000 | |
| Accrued liabilities | | 6,000 |

**1 July**, reverse the accrual (or relieve it when the invoice is posted), so the cost is
not counted twice when the invoice is entered in July.

## Where the estimate comes from

Use the best evidence you have: a purchase order, a contract rate times hours worked,
timesheets, or a recurring monthly amount. Write down how you got the number. When the
invoice arrives, compare it with the accrual; a pattern of large differences means the
estimating method needs work.

## Cut-off checks worth doing

- Goods received in the last few days of the month without an invoice.
- Shipments to customers on the last and first days of the month: was revenue recorded
  in the right period?
- Recurring costs (rent, utilities, subscriptions) that are missing from the month.
""",
    ),
    LessonSpec(
        slug="check-close-and-reconciliations",
        title="Check your understanding: close and reconciliations",
        kind="quiz",
        minutes=4,
        summary="Three questions on reconciliation evidence and accruals.",
        skills=("month-end-close",),
        body="Answer each question to see the explanation for every option.",
        questions=(
            QuestionSpec(
                kind="single",
                prompt="Which is the strongest evidence for reconciling the cash balance?",
                choices=(
                    ChoiceSpec(
                        "The bank statement, obtained from the bank",
                        "Right: it is independent of your own records.",
                        correct=True,
                    ),
                    ChoiceSpec(
                        "The general ledger balance itself",
                        "That is the number being tested, so it cannot be the evidence.",
                    ),
                    ChoiceSpec(
                        "Last month's reconciliation",
                        "Useful context, but it says nothing about this month's balance.",
                    ),
                    ChoiceSpec(
                        "An email from the treasury team with the balance",
                        "Better than nothing, but it is internal and can repeat an error.",
                    ),
                ),
            ),
            QuestionSpec(
                kind="true_false",
                prompt=(
                    "A reconciling item called 'unidentified difference' can be carried "
                    "forward indefinitely if it is below materiality."
                ),
                choices=(
                    ChoiceSpec(
                        "True",
                        "No: small unexplained differences can hide larger offsetting errors.",
                    ),
                    ChoiceSpec(
                        "False",
                        "Correct: every item needs a cause and an owner, whatever its size.",
                        correct=True,
                    ),
                ),
            ),
            QuestionSpec(
                kind="multiple",
                prompt=(
                    "Services were received in June; the invoice arrives in July. What is "
                    "right for the June close? Select all that apply."
                ),
                choices=(
                    ChoiceSpec(
                        "Record an accrued expense in June",
                        "Yes: the cost belongs to the month the service was received.",
                        correct=True,
                    ),
                    ChoiceSpec(
                        "Wait for the invoice and expense it in July",
                        "No: that understates June's costs and overstates July's.",
                    ),
                    ChoiceSpec(
                        "Base the estimate on a PO, contract or time records, and document it",
                        "Yes: a documented basis makes the estimate reviewable.",
                        correct=True,
                    ),
                    ChoiceSpec(
                        "Reverse or relieve the accrual when the invoice is posted",
                        "Yes: otherwise the cost is counted twice.",
                        correct=True,
                    ),
                ),
            ),
        ),
    ),
)
