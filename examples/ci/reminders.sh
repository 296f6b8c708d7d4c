#!/usr/bin/env bash
# Keeps one GitHub issue per person up to date with what `cim remind` says they have due: opened
# when something is overdue or due soon, its body rewritten when that changes, closed once they are
# clear. Run by examples/ci/reminders.yml; copy it to .github/cim-reminders.sh in the register's
# repository. Safe to run twice or to skip a day: each run finds the issues by label and exact
# title, changes only what differs, and closes any duplicate a doubled run made.
#
# Needs cim, node and an authenticated gh (GH_TOKEN, and GH_REPO outside a checkout). Settings,
# all optional, through the environment:
#   REMIND_DAYS     how far ahead "due soon" looks (default 14)
#   REMIND_AS_OF    judge deadlines as of this date, YYYY-MM-DD (default today)
#   REMIND_LABEL    the label the issues carry (default cim-reminder)
#   REGISTER_DIR    the register's folder, when it is not the current one
#   CIM             the command that runs cim (default cim)
set -euo pipefail

days=${REMIND_DAYS:-14}
label=${REMIND_LABEL:-cim-reminder}
prefix='cim reminders: '
read -r -a cim <<<"${CIM:-cim}"
cim+=(--no-input)
[[ -n ${REGISTER_DIR:-} ]] && cim+=(-C "$REGISTER_DIR")
remind=(remind --days "$days")
[[ -n ${REMIND_AS_OF:-} ]] && remind+=(--as-of "$REMIND_AS_OF")

# Every person with how many items they have, as "id<TAB>count<TAB>name", one a line.
# shellcheck disable=SC2016 # the single quotes hold JavaScript, not shell
people=$("${cim[@]}" "${remind[@]}" --format json | node -e '
  let text = "";
  process.stdin.on("data", (c) => (text += c)).on("end", () => {
    const report = JSON.parse(text);
    const unassigned = report.unassigned.overdue.length + report.unassigned.soon.length;
    if (unassigned > 0)
      console.error(`::warning::${unassigned} item(s) have no owner in cim.yaml; run cim remind to see them`);
    for (const p of report.people)
      console.log([p.id, p.overdue.length + p.soon.length, p.name.replace(/\s+/g, " ")].join("\t"));
  });
')

gh label create "$label" --force --color FBCA04 --description 'What cim remind says is overdue or due soon' >/dev/null

# The open reminder issues, as "number<TAB>title", oldest first.
issues=$(gh issue list --label "$label" --state open --limit 1000 --json number,title \
  --jq "sort_by(.number) | .[] | select(.title | startswith(\"$prefix\")) | \"\\(.number)\\t\\(.title)\"")

# The numbers of the open issues with exactly this title, oldest first.
numbers_for() {
  local number title
  while IFS=$'\t' read -r number title; do
    [[ -n $number && $title == "$1" ]] && echo "$number"
  done <<<"$issues"
}

titles=()
while IFS=$'\t' read -r -u 3 id count name; do
  [[ -z $id ]] && continue
  title="$prefix$name"
  titles+=("$title")
  mapfile -t numbers < <(numbers_for "$title")
  if ((count == 0)); then
    for number in "${numbers[@]}"; do
      gh issue close "$number" --comment "Nothing is overdue or due within $days days: closed by the reminders workflow."
      echo "closed #$number: $name is clear"
    done
    continue
  fi
  body=$("${cim[@]}" "${remind[@]}" --person "$id" --format markdown)
  if ((${#numbers[@]} == 0)); then
    gh issue create --title "$title" --label "$label" --body "$body"
    echo "opened an issue for $name"
    continue
  fi
  keep=${numbers[0]}
  for number in "${numbers[@]:1}"; do
    gh issue close "$number" --reason 'not planned' --comment "A duplicate of #$keep, which is kept up to date."
    echo "closed #$number: a duplicate of #$keep"
  done
  if [[ $(gh issue view "$keep" --json body --jq .body) == "$body" ]]; then
    echo "#$keep for $name is up to date"
  else
    gh issue edit "$keep" --body "$body" >/dev/null
    echo "updated #$keep for $name"
  fi
done 3<<<"$people"

# Issues of people no longer in cim.yaml, or under a name they no longer have.
while IFS=$'\t' read -r -u 3 number title; do
  [[ -z $number ]] && continue
  for known in "${titles[@]}"; do [[ $title == "$known" ]] && continue 2; done
  gh issue close "$number" --reason 'not planned' --comment "No person in cim.yaml has this name any more."
  echo "closed #$number: no such person in cim.yaml"
done 3<<<"$issues"
