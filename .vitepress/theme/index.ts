import type { Theme } from 'vitepress';
import DefaultTheme from 'vitepress/theme';
import InterviewQuestions from './components/InterviewQuestions.vue';
import Quiz from './components/Quiz.vue';
import QuizScores from './components/QuizScores.vue';
import './style.css';

/** The default theme plus the course's components, usable in any markdown page. */
const theme: Theme = {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('Quiz', Quiz);
    app.component('QuizScores', QuizScores);
    app.component('InterviewQuestions', InterviewQuestions);
  },
};

export default theme;
