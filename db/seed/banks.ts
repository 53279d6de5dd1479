import type { Transaction } from "../client";
import { accommodationBank, goalBank } from "../schema";
import { seedId } from "./ids";

type Acc = [category: string, text: string, teacherAction: string, classroom: boolean, testing: boolean];

/** A realistic starter accommodation bank (reading, writing, math, behavior, attention, testing). */
export const ACCOMMODATION_BANK: Acc[] = [
  [
    "reading",
    "Text-to-speech for grade-level text",
    "Let the student listen to assigned readings with text-to-speech (Read&Write or Learning Ally).",
    true,
    false,
  ],
  [
    "reading",
    "Audiobooks for novels",
    "Provide the audiobook version of class novels alongside the print copy.",
    true,
    false,
  ],
  [
    "reading",
    "Pre-teach key vocabulary",
    "Give the student the unit's key words with definitions two days before the lesson.",
    true,
    false,
  ],
  [
    "reading",
    "Chunked reading assignments",
    "Break long readings into short sections with a check-in question after each.",
    true,
    false,
  ],
  [
    "reading",
    "Directions read aloud",
    "Read written directions aloud and check that the student can restate them.",
    true,
    true,
  ],
  [
    "writing",
    "Graphic organizer for writing",
    "Provide a graphic organizer before any writing task longer than a paragraph.",
    true,
    false,
  ],
  [
    "writing",
    "Speech-to-text for written work",
    "Allow dictation with speech-to-text for written assignments.",
    true,
    false,
  ],
  [
    "writing",
    "Copy of class notes",
    "Give the student a copy of the teacher's or a peer's notes at the end of class.",
    true,
    false,
  ],
  [
    "writing",
    "Reduced copying from the board",
    "Provide printed copies instead of asking the student to copy from the board.",
    true,
    false,
  ],
  [
    "writing",
    "Spelling not graded in content areas",
    "Do not deduct points for spelling outside of spelling or English conventions tasks.",
    true,
    true,
  ],
  [
    "math",
    "Calculator for multi-step problems",
    "Allow a basic calculator when the skill being assessed is not computation.",
    true,
    true,
  ],
  [
    "math",
    "Multiplication chart",
    "Allow the student to use a multiplication chart on classwork and tests.",
    true,
    true,
  ],
  ["math", "Worked example on each page", "Put one completed example at the top of each practice page.", true, false],
  [
    "math",
    "Graph paper for computation",
    "Provide graph paper to keep columns aligned in written computation.",
    true,
    true,
  ],
  [
    "behavior",
    "Daily behavior check-in/check-out",
    "Greet the student at the start of class and initial the daily point sheet at the end.",
    true,
    false,
  ],
  [
    "behavior",
    "Calm-down space",
    "Let the student use the calm corner for up to 5 minutes when they show the agreed signal.",
    true,
    false,
  ],
  ["behavior", "Advance notice of transitions", "Give a 2-minute warning before activities change.", true, false],
  [
    "behavior",
    "Private redirection",
    "Redirect the student privately and briefly rather than in front of the class.",
    true,
    false,
  ],
  [
    "attention",
    "Preferential seating",
    "Seat the student near the teacher and away from doors and windows.",
    true,
    true,
  ],
  ["attention", "Movement breaks", "Offer a short movement break (errand, stretch) every 20–30 minutes.", true, false],
  [
    "attention",
    "Checklist for multi-step tasks",
    "Give a written checklist for assignments with more than two steps.",
    true,
    false,
  ],
  [
    "attention",
    "Assignment book check",
    "Check and initial the student's planner at the end of each class.",
    true,
    false,
  ],
  [
    "attention",
    "Reduced visual clutter on worksheets",
    "Give worksheets with fewer problems per page and clear spacing.",
    true,
    true,
  ],
  ["testing", "Extended time (1.5x)", "Give 50% more time on tests, quizzes and timed in-class tasks.", false, true],
  ["testing", "Extended time (2x)", "Give double time on tests, quizzes and timed in-class tasks.", false, true],
  [
    "testing",
    "Separate setting for tests",
    "Let the student take tests in a small, quiet room with a proctor.",
    false,
    true,
  ],
  ["testing", "Breaks during tests", "Allow supervised breaks during tests without the clock running.", false, true],
  [
    "testing",
    "Tests read aloud (not reading comprehension)",
    "Read test questions aloud except on items that assess reading comprehension.",
    false,
    true,
  ],
  ["testing", "Answers recorded by a scribe", "Let the student dictate answers to a scribe on tests.", false, true],
];

type Goal = [area: string, text: string, measurement: string, objectives: string[]];

/** A starter goal bank with short-term objectives (Connecticut requires them for every goal). */
export const GOAL_BANK: Goal[] = [
  [
    "reading",
    "Given grade-level passages, the student will read aloud with 95% accuracy at the spring grade-level fluency benchmark.",
    "Curriculum-based measurement (oral reading fluency), biweekly",
    [
      "Reads instructional-level passages with 93% accuracy",
      "Reaches the winter fluency benchmark for the prior grade",
    ],
  ],
  [
    "reading",
    "The student will decode multisyllabic words with closed and open syllables with 90% accuracy.",
    "Phonics inventory and word lists, monthly",
    [
      "Decodes two-syllable closed-syllable words with 90% accuracy",
      "Decodes words mixing closed and open syllables with 85% accuracy",
    ],
  ],
  [
    "reading",
    "After reading a grade-level informational text, the student will state the main idea and two supporting details in 4 of 5 trials.",
    "Teacher-made comprehension probes",
    ["Identifies the main idea of a paragraph in 4 of 5 trials", "Names one supporting detail in 4 of 5 trials"],
  ],
  [
    "writing",
    "The student will write a five-sentence paragraph with a topic sentence, three details and a conclusion, scoring 3 of 4 on the district rubric.",
    "District writing rubric, monthly samples",
    [
      "Writes a topic sentence for a given prompt in 4 of 5 trials",
      "Adds three relevant details using a graphic organizer",
    ],
  ],
  [
    "writing",
    "The student will spell high-frequency words from the grade-level list with 90% accuracy in independent writing.",
    "Spelling in writing samples, monthly",
    [
      "Spells the first 100 high-frequency words with 90% accuracy",
      "Self-corrects spelling with a word wall in 3 of 4 samples",
    ],
  ],
  [
    "math",
    "The student will solve two-step word problems involving addition and subtraction within 100 with 80% accuracy.",
    "Curriculum-based measurement (problem solving), biweekly",
    [
      "Solves one-step word problems within 100 with 80% accuracy",
      "Identifies the operations needed in two-step problems in 4 of 5 trials",
    ],
  ],
  [
    "math",
    "The student will fluently multiply within 100, answering 40 facts correctly in 2 minutes.",
    "Timed fact probes, weekly",
    ["Answers 20 facts (×2, ×5, ×10) correctly in 2 minutes", "Answers 30 mixed facts correctly in 2 minutes"],
  ],
  [
    "math",
    "The student will solve one-variable linear equations, including with variables on both sides, with 80% accuracy.",
    "Unit probes and classwork samples",
    ["Solves two-step equations with 80% accuracy", "Combines like terms before solving with 80% accuracy"],
  ],
  [
    "behavior",
    "The student will use an agreed coping strategy when frustrated, in 4 of 5 observed opportunities.",
    "Daily behavior sheet and staff observation",
    [
      "Names the frustration signal with an adult prompt in 4 of 5 opportunities",
      "Uses a coping strategy with one prompt in 4 of 5 opportunities",
    ],
  ],
  [
    "behavior",
    "The student will follow classroom directions within one minute on 80% of occasions.",
    "Interval observation, weekly",
    [
      "Follows one-step directions within one minute on 70% of occasions",
      "Follows two-step directions within one minute on 75% of occasions",
    ],
  ],
  [
    "attention",
    "The student will start independent work within two minutes of the direction in 4 of 5 observed opportunities.",
    "Teacher observation log",
    [
      "Starts work with a visual checklist and one prompt in 4 of 5 opportunities",
      "Starts work with the checklist and no prompt in 3 of 5 opportunities",
    ],
  ],
  [
    "attention",
    "The student will record assignments and due dates in a planner and submit 90% of homework on time.",
    "Planner checks and grade-book data, weekly",
    ["Records assignments in the planner in 4 of 5 classes", "Submits 75% of homework on time"],
  ],
  [
    "communication",
    "The student will produce /r/ in all word positions in conversation with 90% accuracy.",
    "Speech-language probes, monthly",
    ["Produces /r/ in words with 90% accuracy", "Produces /r/ in sentences with 90% accuracy"],
  ],
  [
    "communication",
    "The student will ask a peer a relevant follow-up question during structured conversations in 4 of 5 opportunities.",
    "Speech-language observation",
    [
      "Asks a follow-up question with a visual cue in 4 of 5 opportunities",
      "Asks a follow-up question without a cue in 3 of 5 opportunities",
    ],
  ],
];

/** Seeds the district's goal and accommodation banks (fixed ids; ON CONFLICT DO NOTHING). */
export async function seedBanks(tx: Transaction, districtId: string): Promise<void> {
  await tx
    .insert(accommodationBank)
    .values(
      ACCOMMODATION_BANK.map(([category, text, teacherAction, classroom, testing]) => ({
        id: seedId(`bank:acc:${text}`),
        districtId,
        category,
        text,
        teacherAction,
        classroom,
        testing,
      })),
    )
    .onConflictDoNothing();
  await tx
    .insert(goalBank)
    .values(
      GOAL_BANK.map(([area, text, measurement, objectives]) => ({
        id: seedId(`bank:goal:${text}`),
        districtId,
        area,
        text,
        measurement,
        objectives,
      })),
    )
    .onConflictDoNothing();
}
