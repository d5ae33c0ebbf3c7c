#!/usr/bin/env bash
# Makes the demo lecture "Reading an ICD-10-CM code: category, etiology, 7th
# character" from text slides and espeak-ng narration, with WebVTT captions
# timed from the measured length of every narration clip.
#
# Run by hand when the slides or the narration change, then commit the two
# outputs; nothing at run time needs ffmpeg or espeak-ng.
#
#   courses/demo_media/make_lecture.sh            # writes next to this script
#   courses/demo_media/make_lecture.sh /tmp/out   # writes elsewhere
#
# Needs: ffmpeg and ffprobe (with libx264 and drawtext), espeak-ng, awk,
# DejaVu fonts (Debian: apt-get install ffmpeg espeak-ng fonts-dejavu-core).
set -euo pipefail

OUT_DIR="${1:-$(cd "$(dirname "$0")" && pwd)}"
NAME="icd10cm-code-structure"
FONT_DIR="${FONT_DIR:-/usr/share/fonts/truetype/dejavu}"
VOICE="en-us"
RATE=150          # words per minute; espeak-ng's default of 175 is hurried for new terms
RATE_HZ=22050     # espeak-ng writes 22.05 kHz mono; silences must match it for a lossless concat
GAP=0.30          # silence between sentences on one slide
LEAD=0.60         # silence before the first sentence
TAIL=2.00         # silence after a slide's last sentence: time to look at the next slide, and a
                  # pause of 2 s that makes the transcript (courses/content_files.py) start a paragraph
FPS=5             # the picture only changes between slides
W=1280
H=720

for tool in ffmpeg ffprobe espeak-ng awk; do
  command -v "$tool" >/dev/null || { echo "make_lecture.sh: $tool is not installed" >&2; exit 1; }
done
for font in DejaVuSans.ttf DejaVuSans-Bold.ttf DejaVuSansMono-Bold.ttf; do
  [[ -f "$FONT_DIR/$font" ]] || { echo "make_lecture.sh: no $FONT_DIR/$font (set FONT_DIR)" >&2; exit 1; }
done

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# --- the lecture --------------------------------------------------------------
# Per slide: a title, a code in large type (may be empty), body lines, and the
# narration, one sentence a line as "caption|spoken". The spoken form is only
# given where espeak-ng would misread the written one ("ICD-10-CM").
TITLES=(
  "Reading an ICD-10-CM code"
  "Characters 1 to 3: the category"
  "After the dot: more detail"
  "The 7th character"
  "Placeholder X"
)
CODES=(
  "E11  E11.65  S72.001A"
  "E11"
  "E11.65"
  "S72.001A"
  "T36.0X1A"
)
BODIES=(
  $'Category, etiology, 7th character\n\nA code has 3 to 7 characters.'
  $'Type 2 diabetes mellitus\n\nThe first three characters are the category.\nA dot follows the third character.'
  $'Type 2 diabetes mellitus with hyperglycemia\n\nCharacters after the dot add detail:\netiology, anatomic site, severity.'
  $'Fracture of unspecified part of neck of right femur\nA = initial encounter for closed fracture\n\nSome categories need a 7th character,\nsuch as the encounter for an injury.'
  $'Poisoning by penicillins, accidental (unintentional),\ninitial encounter\n\nX fills empty positions so the 7th character\nlands in position 7.\nAlways verify the code in the Tabular List.'
)
NARRATION=(
  "This lesson shows how to read an ICD-10-CM code.|This lesson shows how to read an I C D 10 C M code.
An ICD-10-CM code has three to seven characters.|An I C D 10 C M code has three to seven characters.
We will read one from left to right."
  "The first three characters are the category.
E11 is the category for type 2 diabetes mellitus.
When a code is longer than three characters, a dot follows the third one."
  "The characters after the dot add detail, such as etiology, anatomic site, and severity.
E11.65 is type 2 diabetes mellitus with hyperglycemia."
  "Some categories need a seventh character.
For injuries, it tells the encounter.
S72.001A is a fracture of an unspecified part of the neck of the right femur.
The final A means initial encounter for closed fracture."
  "Some codes need a seventh character but have fewer than six characters.
The placeholder X fills each empty position.
Then the seventh character lands in position seven.
T36.0X1A is poisoning by penicillins, accidental, initial encounter.
Always verify the code in the Tabular List before you assign it."
)

# --- helpers ------------------------------------------------------------------
duration() {  # seconds, as ffprobe measures the file
  ffprobe -v error -show_entries format=duration -of default=noprint_wrappers=1:nokey=1 "$1"
}

vtt_time() {  # 75.5 -> 00:01:15.500
  awk -v t="$1" 'BEGIN { ms = int(t * 1000 + 0.5); printf "%02d:%02d:%02d.%03d", ms / 3600000, (ms / 60000) % 60, (ms / 1000) % 60, ms % 1000 }'
}

add() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.6f", a + b }'; }

silence() {  # silence <seconds> <file.wav>
  ffmpeg -v error -y -f lavfi -i "anullsrc=r=$RATE_HZ:cl=mono" -t "$1" -c:a pcm_s16le "$2"
}

wrap_caption() {  # two balanced lines when one would be long: split at the space nearest the middle
  awk '{
    if (length($0) <= 42) { print; next }
    best = 0
    for (i = 1; i <= length($0); i++)
      if (substr($0, i, 1) == " " && (best == 0 || (i - length($0) / 2) ^ 2 < (best - length($0) / 2) ^ 2)) best = i
    print substr($0, 1, best - 1); print substr($0, best + 1)
  }' <<<"$1"
}

render_slide() {  # render_slide <index> <file.png>
  local i="$1" png="$2"
  printf '%s' "${TITLES[$i]}" >"$WORK/title$i.txt"
  printf '%s' "${CODES[$i]}" >"$WORK/code$i.txt"
  printf '%s' "${BODIES[$i]}" >"$WORK/body$i.txt"
  printf '%s' "CodeCohort demo lecture  ·  $((i + 1)) / ${#TITLES[@]}" >"$WORK/foot$i.txt"
  local text="expansion=none:fontcolor=white"
  ffmpeg -v error -y -f lavfi -i "color=c=0x10243e:s=${W}x${H}:d=1" -frames:v 1 -vf "\
drawtext=fontfile=$FONT_DIR/DejaVuSans-Bold.ttf:textfile=$WORK/title$i.txt:$text:fontsize=58:x=80:y=64,\
drawbox=x=80:y=150:w=$((W - 160)):h=6:color=0xffd54a:t=fill,\
drawtext=fontfile=$FONT_DIR/DejaVuSansMono-Bold.ttf:textfile=$WORK/code$i.txt:expansion=none:fontcolor=0xffd54a:fontsize=80:x=80:y=200,\
drawtext=fontfile=$FONT_DIR/DejaVuSans.ttf:textfile=$WORK/body$i.txt:$text:fontsize=38:line_spacing=14:x=80:y=330,\
drawtext=fontfile=$FONT_DIR/DejaVuSans.ttf:textfile=$WORK/foot$i.txt:expansion=none:fontcolor=0xb8c4d6:fontsize=24:x=80:y=h-56" \
    "$png"
}

# --- narration, audio track and captions --------------------------------------
: >"$WORK/audio.txt"
: >"$WORK/video.txt"
VTT="$WORK/$NAME.vtt"
{
  echo "WEBVTT - Reading an ICD-10-CM code: category, etiology, 7th character"
  echo
  echo "NOTE"
  echo "Captions for the CodeCohort demo lecture. Text by CodeCohort, voice by espeak-ng."
  echo "Made by courses/demo_media/make_lecture.sh; cue times are measured clip lengths."
  echo
} >"$VTT"

silence "$GAP" "$WORK/gap.wav"
silence "$TAIL" "$WORK/tail.wav"
silence "$LEAD" "$WORK/lead.wav"
echo "file '$WORK/lead.wav'" >>"$WORK/audio.txt"
clock="$(duration "$WORK/lead.wav")"
slide_start=0
cue=0
for i in "${!TITLES[@]}"; do
  render_slide "$i" "$WORK/slide$i.png"
  first=1
  while IFS= read -r line; do
    [[ -n "$line" ]] || continue
    caption="${line%%|*}"
    spoken="${line#*|}"
    if [[ $first -eq 0 ]]; then
      echo "file '$WORK/gap.wav'" >>"$WORK/audio.txt"
      clock="$(add "$clock" "$(duration "$WORK/gap.wav")")"
    fi
    first=0
    cue=$((cue + 1))
    clip="$WORK/say$cue.wav"
    espeak-ng -v "$VOICE" -s "$RATE" -w "$clip" "$spoken"
    echo "file '$clip'" >>"$WORK/audio.txt"
    end="$(add "$clock" "$(duration "$clip")")"
    printf '%s\n%s --> %s\n%s\n\n' "$cue" "$(vtt_time "$clock")" "$(vtt_time "$end")" "$(wrap_caption "$caption")" >>"$VTT"
    clock="$end"
  done <<<"${NARRATION[$i]}"
  echo "file '$WORK/tail.wav'" >>"$WORK/audio.txt"
  clock="$(add "$clock" "$(duration "$WORK/tail.wav")")"
  printf "file '%s'\nduration %s\n" "$WORK/slide$i.png" "$(add "$clock" "-$slide_start")" >>"$WORK/video.txt"
  slide_start="$clock"
done
# The concat demuxer ignores the last entry's duration unless the file is listed again.
echo "file '$WORK/slide$((${#TITLES[@]} - 1)).png'" >>"$WORK/video.txt"

# --- encode -------------------------------------------------------------------
ffmpeg -v error -y -f concat -safe 0 -i "$WORK/audio.txt" -c:a pcm_s16le "$WORK/narration.wav"
ffmpeg -v error -y \
  -f concat -safe 0 -i "$WORK/video.txt" \
  -i "$WORK/narration.wav" \
  -map 0:v -map 1:a \
  -vf "fps=$FPS,format=yuv420p" \
  -c:v libx264 -preset slow -tune stillimage -crf 26 -g $((FPS * 10)) \
  -c:a aac -b:a 48k -ac 1 -ar 44100 \
  -t "$clock" -movflags +faststart \
  -metadata title="Reading an ICD-10-CM code: category, etiology, 7th character" \
  -metadata artist="CodeCohort" \
  "$WORK/$NAME.mp4"

mkdir -p "$OUT_DIR"
cp "$WORK/$NAME.mp4" "$VTT" "$OUT_DIR/"
printf '%s: %s s, %s bytes, %s cues\n' "$OUT_DIR/$NAME.mp4" "$(duration "$OUT_DIR/$NAME.mp4")" \
  "$(wc -c <"$OUT_DIR/$NAME.mp4")" "$cue"
